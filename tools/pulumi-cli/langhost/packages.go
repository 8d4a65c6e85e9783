package main

// Dependencies, which the real host manages and the stand-in needs for `pulumi package add` (generate a provider's SDK,
// then Link it into the program and InstallDependencies) and `pulumi install`. npm only: the package manager this
// project and its examples use.

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"

	pulumirpc "github.com/pulumi/pulumi/sdk/v3/proto/go"
	"google.golang.org/grpc"
)

// Link adds each generated SDK to the program's package.json and node_modules, and says how to import it.
func (h *host) Link(ctx context.Context, req *pulumirpc.LinkRequest) (*pulumirpc.LinkResponse, error) {
	info := req.GetInfo()
	programDir := info.GetProgramDirectory()
	var imports strings.Builder
	for _, dep := range req.GetPackages() {
		sdkDir := filepath.Join(info.GetRootDirectory(), dep.GetPath())
		rel, err := filepath.Rel(programDir, sdkDir)
		if err != nil {
			return nil, err
		}
		cmd := exec.CommandContext(ctx, "npm", "install", "--save", "--no-audit", "--no-fund", "./"+filepath.ToSlash(rel))
		cmd.Dir = programDir
		if out, err := cmd.CombinedOutput(); err != nil {
			return nil, fmt.Errorf("npm install ./%s in %s: %w\n%s", rel, programDir, err, out)
		}
		manifest, err := os.ReadFile(filepath.Join(sdkDir, "package.json"))
		if err != nil {
			return nil, err
		}
		var npmPackage struct{ Name string }
		if err := json.Unmarshal(manifest, &npmPackage); err != nil {
			return nil, fmt.Errorf("%s: %w", filepath.Join(sdkDir, "package.json"), err)
		}
		fmt.Fprintf(&imports, "  import * as %s from %q;\n", dep.GetPackage().GetName(), npmPackage.Name)
	}
	return &pulumirpc.LinkResponse{
		ImportInstructions: "You can import the SDK in your TypeScript code with:\n\n" + imports.String(),
	}, nil
}

// InstallDependencies runs `npm install` in the program's folder, its output streamed to the CLI as it comes.
func (h *host) InstallDependencies(
	req *pulumirpc.InstallDependenciesRequest, server grpc.ServerStreamingServer[pulumirpc.InstallDependenciesResponse],
) error {
	dir := req.GetDirectory()
	if info := req.GetInfo(); info != nil && info.GetProgramDirectory() != "" {
		dir = info.GetProgramDirectory()
	}
	var sending sync.Mutex // stdout and stderr are copied by two goroutines; a stream takes one Send at a time
	stream := func(toStderr bool) *streamWriter {
		return &streamWriter{send: func(b []byte) error {
			sending.Lock()
			defer sending.Unlock()
			if toStderr {
				return server.Send(&pulumirpc.InstallDependenciesResponse{Stderr: b})
			}
			return server.Send(&pulumirpc.InstallDependenciesResponse{Stdout: b})
		}}
	}
	cmd := exec.CommandContext(server.Context(), "npm", "install", "--no-audit", "--no-fund")
	cmd.Dir = dir
	cmd.Stdout, cmd.Stderr = stream(false), stream(true)
	if err := cmd.Run(); err != nil {
		return fmt.Errorf("npm install in %s: %w", dir, err)
	}
	return nil
}

type streamWriter struct{ send func([]byte) error }

func (w *streamWriter) Write(b []byte) (int, error) {
	// The stream may keep the slice after Write returns: send a copy.
	if err := w.send(append([]byte(nil), b...)); err != nil {
		return 0, err
	}
	return len(b), nil
}
