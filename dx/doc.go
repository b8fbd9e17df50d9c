// Package dx is the Direct Connect domain: the resources and their wire shapes
// (JSON tags are the service model's member names), IDs and ARNs, the location
// catalog, and the pure rules every operation checks. It imports only the
// standard library so that every other package can share it.
package dx
