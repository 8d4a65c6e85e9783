//go:build tools

// Package tools pins the Pulumi CLI's main package in this module, so `go build` of it uses go.mod/go.sum here.
package tools

import _ "github.com/pulumi/pulumi/pkg/v3/cmd/pulumi"
