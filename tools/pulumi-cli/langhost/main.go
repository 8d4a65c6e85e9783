// Command pulumi-language-nodejs is a minimal stand-in for Pulumi's Node.js language host.
//
// Why it exists: the real host lives in its own Go module
// (github.com/pulumi/pulumi/sdk/nodejs/cmd/pulumi-language-nodejs/v3), which the Go module proxy reachable from
// these machines refuses at every commit. scripts/toolchain.sh tries that module first and builds this one only
// when it cannot be had. It implements what `pulumi up/preview/refresh/destroy` need for a Node.js program:
// GetPluginInfo and Run; code generation for `pulumi import` and `pulumi package gen-sdk` (generate.go); Link and
// InstallDependencies for `pulumi package add` and `pulumi install` (packages.go); every other RPC answers
// Unimplemented, which the engine treats as "nothing to report".
//
// Run launches the program the way the real host does: `node <nodeargs> <@pulumi/pulumi/cmd/run> --monitor …
// --engine … --project … --stack … --pwd … [--dry-run] --parallel N <entry point> <args>`, with PULUMI_CONFIG and
// PULUMI_CONFIG_SECRET_KEYS in the environment, and maps exit code 32 to a "bail" (error already reported).
package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"

	pulumirpc "github.com/pulumi/pulumi/sdk/v3/proto/go"
	"google.golang.org/grpc"
	"google.golang.org/protobuf/types/known/emptypb"
)

// version is stamped in by -ldflags so that `pulumi about` names the CLI release this host was built for.
var version = "0.0.0-dev"

// bailExitCode is the SDK's convention for "the program failed and already logged why".
const bailExitCode = 32

type host struct {
	pulumirpc.UnimplementedLanguageRuntimeServer
	engineAddress string
}

func (h *host) GetPluginInfo(context.Context, *emptypb.Empty) (*pulumirpc.PluginInfo, error) {
	return &pulumirpc.PluginInfo{Version: version}, nil
}

func (h *host) Run(ctx context.Context, req *pulumirpc.RunRequest) (*pulumirpc.RunResponse, error) {
	programDir, entryPoint := req.GetPwd(), req.GetProgram()
	var options map[string]any
	if info := req.GetInfo(); info != nil {
		programDir, entryPoint = info.GetProgramDirectory(), info.GetEntryPoint()
		options = info.GetOptions().AsMap()
	}
	if entryPoint == "" {
		entryPoint = "."
	}

	runScript, err := resolveRunScript(ctx, programDir)
	if err != nil {
		return &pulumirpc.RunResponse{Error: err.Error()}, nil
	}

	args := strings.Fields(stringOption(options, "nodeargs"))
	args = append(args, runScript)
	flag := func(name, value string) {
		if value != "" {
			args = append(args, "--"+name, value)
		}
	}
	flag("monitor", req.GetMonitorAddress())
	flag("engine", h.engineAddress)
	flag("organization", req.GetOrganization())
	flag("project", req.GetProject())
	if info := req.GetInfo(); info != nil {
		flag("root-directory", info.GetRootDirectory())
	}
	flag("stack", req.GetStack())
	flag("pwd", programDir)
	if req.GetDryRun() {
		args = append(args, "--dry-run")
	}
	args = append(args, "--parallel", strconv.Itoa(int(req.GetParallel())))
	args = append(args, entryPoint)
	args = append(args, req.GetArgs()...)

	env, err := programEnv(req, options)
	if err != nil {
		return nil, err
	}

	cmd := exec.CommandContext(ctx, "node", args...)
	cmd.Dir = programDir
	cmd.Env = env
	cmd.Stdout, cmd.Stderr = os.Stdout, os.Stderr
	if err := cmd.Run(); err != nil {
		var exitErr *exec.ExitError
		if errors.As(err, &exitErr) {
			if exitErr.ExitCode() == bailExitCode {
				return &pulumirpc.RunResponse{Bail: true}, nil
			}
			return &pulumirpc.RunResponse{
				Error: fmt.Sprintf("Program exited with non-zero exit code: %d", exitErr.ExitCode()),
			}, nil
		}
		return &pulumirpc.RunResponse{
			Error: fmt.Sprintf("Problem executing program (could not run language executor): %v", err),
		}, nil
	}
	return &pulumirpc.RunResponse{}, nil
}

// resolveRunScript finds @pulumi/pulumi/cmd/run as Node would from the program directory, so a program may use
// the SDK installed in any ancestor node_modules.
func resolveRunScript(ctx context.Context, programDir string) (string, error) {
	module := "@pulumi/pulumi/cmd/run"
	if override := os.Getenv("PULUMI_LANGUAGE_NODEJS_RUN_PATH"); override != "" {
		module = override
	}
	cmd := exec.CommandContext(ctx, "node", "-e", "console.log(require.resolve(process.argv[1]))", module)
	cmd.Dir = programDir
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		return "", fmt.Errorf("could not find %s from %s (run `npm install` there first): %v\n%s",
			module, programDir, err, stderr.String())
	}
	return strings.TrimSpace(string(out)), nil
}

// programEnv passes the stack config the way the Node.js SDK reads it: keys `ns:name` become `ns:config:name`.
func programEnv(req *pulumirpc.RunRequest, options map[string]any) ([]string, error) {
	config := map[string]string{}
	for key, value := range req.GetConfig() {
		if ns, name, ok := strings.Cut(key, ":"); ok {
			key = ns + ":config:" + name
		}
		config[key] = value
	}
	configJSON, err := json.Marshal(config)
	if err != nil {
		return nil, err
	}
	secretKeys := req.GetConfigSecretKeys()
	if secretKeys == nil {
		secretKeys = []string{}
	}
	secretsJSON, err := json.Marshal(secretKeys)
	if err != nil {
		return nil, err
	}
	env := append(os.Environ(),
		"PULUMI_CONFIG="+string(configJSON),
		"PULUMI_CONFIG_SECRET_KEYS="+string(secretsJSON),
	)
	// TypeScript is on unless Pulumi.yaml's runtime options say `typescript: false`, as in the real host.
	if ts, ok := options["typescript"].(bool); !ok || ts {
		env = append(env, "PULUMI_NODEJS_TYPESCRIPT=true")
	}
	if tsconfig := stringOption(options, "tsconfig"); tsconfig != "" {
		env = append(env, "PULUMI_NODEJS_TSCONFIG_PATH="+filepath.Clean(tsconfig))
	}
	return env, nil
}

func stringOption(options map[string]any, name string) string {
	value, _ := options[name].(string)
	return value
}

func main() {
	// The engine passes its own address last; flags it may put before it (-v, --tracing, -root) do not matter here.
	var engineAddress string
	if len(os.Args) > 1 {
		engineAddress = os.Args[len(os.Args)-1]
	}
	listener, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		fmt.Fprintln(os.Stderr, "pulumi-language-nodejs:", err)
		os.Exit(1)
	}
	server := grpc.NewServer()
	pulumirpc.RegisterLanguageRuntimeServer(server, &host{engineAddress: engineAddress})
	// The engine reads the port from the first line of stdout.
	fmt.Println(listener.Addr().(*net.TCPAddr).Port)
	if err := server.Serve(listener); err != nil {
		fmt.Fprintln(os.Stderr, "pulumi-language-nodejs:", err)
		os.Exit(1)
	}
}
