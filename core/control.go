package core

import "fmt"

// ControlError is a refused operator request; Status is its HTTP status.
type ControlError struct {
	Status  int
	Message string
}

func (e *ControlError) Error() string { return e.Message }

// ControlErrorf is a ControlError with a formatted message.
func ControlErrorf(status int, format string, args ...any) error {
	return &ControlError{Status: status, Message: fmt.Sprintf(format, args...)}
}
