package main

import (
	"flag"
	"fmt"
	"os"
	"strings"
)

// envPrefix starts the name of the environment variable of every serve flag.
const envPrefix = "DXSIM_"

// envName is the environment variable of a flag: DXSIM_ and the flag's
// name in capitals with dashes as underscores (--vif-delay: DXSIM_VIF_DELAY).
func envName(flagName string) string {
	return envPrefix + strings.ToUpper(strings.ReplaceAll(flagName, "-", "_"))
}

// documentEnv names each flag's environment variable in its usage, so that
// -h lists them; flags added later get theirs too.
func documentEnv(fs *flag.FlagSet) {
	fs.VisitAll(func(f *flag.Flag) { f.Usage += " (env " + envName(f.Name) + ")" })
}

// applyEnv sets every flag not given on the command line from its
// environment variable, if that is set: the flag wins over the variable.
func applyEnv(fs *flag.FlagSet) error {
	given := map[string]bool{}
	fs.Visit(func(f *flag.Flag) { given[f.Name] = true })
	var err error
	fs.VisitAll(func(f *flag.Flag) {
		v, ok := os.LookupEnv(envName(f.Name))
		if given[f.Name] || !ok || err != nil {
			return
		}
		if e := fs.Set(f.Name, v); e != nil {
			err = fmt.Errorf("%s=%q (the -%s flag): %v", envName(f.Name), v, f.Name, e)
		}
	})
	return err
}
