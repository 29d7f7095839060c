// Package examplenetwork builds the bundled example network from Go (mirrors example/architecture.ts):
// web at /*, api at /api/*, and an internal orders service that only api may call, by name, through
// Service Connect.
package examplenetwork

import (
	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsecs"
	"github.com/aws/constructs-go/constructs/v10"
	"github.com/aws/jsii-runtime-go"
	"github.com/ecs-advanced-network/ecs-advanced-network-go/ecsadvancednetwork"
)

// Public registry images, so that nothing needs Docker.
const (
	WebImage    = "public.ecr.aws/nginx/nginx:stable"
	APIImage    = "public.ecr.aws/docker/library/httpd:2.4"
	OrdersImage = "public.ecr.aws/docker/library/httpd:2.4"
	// MetricsImage is api's sidecar: an OpenTelemetry collector it reaches on localhost:4317.
	MetricsImage = "public.ecr.aws/aws-observability/aws-otel-collector:v0.43.1"
)

// StackName is the name of the example stack.
const StackName = "EcsAdvancedNetworkExample"

// BuildNetwork adds the example network to scope.
func BuildNetwork(scope constructs.Construct, id string) ecsadvancednetwork.EcsAdvancedNetwork {
	network := ecsadvancednetwork.NewEcsAdvancedNetwork(scope, jsii.String(id), nil)

	network.AddService(jsii.String("web"), &ecsadvancednetwork.ServiceOptions{
		Image:         awsecs.ContainerImage_FromRegistry(jsii.String(WebImage), nil),
		ContainerPort: jsii.Number(80),
		// nginx writes its cache, pid file and temporary files; everything else stays read-only
		WritableDirectories: jsii.Strings("/var/cache/nginx", "/var/run", "/tmp"),
		Routing:             &ecsadvancednetwork.RoutingOptions{PathPatterns: jsii.Strings("/*")},
	})

	orders := network.AddService(jsii.String("orders"), &ecsadvancednetwork.ServiceOptions{
		Image:               awsecs.ContainerImage_FromRegistry(jsii.String(OrdersImage), nil),
		ContainerPort:       jsii.Number(80),
		WritableDirectories: jsii.Strings("/usr/local/apache2/logs"),
		Discovery: ecsadvancednetwork.Discovery_ServiceConnect(&ecsadvancednetwork.ServiceConnectDiscoveryOptions{
			AppProtocol: awsecs.AppProtocol_Http(),
		}),
	})

	api := network.AddService(jsii.String("api"), &ecsadvancednetwork.ServiceOptions{
		Image:               awsecs.ContainerImage_FromRegistry(jsii.String(APIImage), nil),
		ContainerPort:       jsii.Number(80),
		Cpu:                 jsii.Number(512),
		MemoryLimitMiB:      jsii.Number(1024),
		WritableDirectories: jsii.Strings("/usr/local/apache2/logs"),
		Routing: &ecsadvancednetwork.RoutingOptions{
			PathPatterns: jsii.Strings("/api/*"),
			HealthCheck:  &ecsadvancednetwork.HealthCheckOptions{Path: jsii.String("/")},
		},
		// a metrics sidecar on localhost, hardened like api itself; api starts once it is healthy
		Sidecars: &[]*ecsadvancednetwork.SidecarOptions{{
			Name:           jsii.String("metrics"),
			Image:          awsecs.ContainerImage_FromRegistry(jsii.String(MetricsImage), nil),
			MemoryLimitMiB: jsii.Number(256),
			User:           jsii.String("10001"),
			ContainerPorts: &[]*float64{jsii.Number(4317)},
			HealthCheck:    &ecsadvancednetwork.ContainerHealthCheck{Command: jsii.Strings("CMD", "/healthcheck")},
		}},
		DependsOn: &[]*ecsadvancednetwork.ContainerDependency{{
			ContainerName: jsii.String("metrics"),
			Condition:     awsecs.ContainerDependencyCondition_HEALTHY,
		}},
	})
	api.ConnectTo(orders)
	api.AutoScale(&ecsadvancednetwork.ServiceScalingOptions{
		MaxCapacity:             jsii.Number(6),
		TargetRequestsPerTarget: jsii.Number(500),
	})

	return network
}

// Build adds an environment-agnostic stack (no account or region) holding the example network to app.
func Build(app awscdk.App) (awscdk.Stack, ecsadvancednetwork.EcsAdvancedNetwork) {
	stack := awscdk.NewStack(app, jsii.String(StackName), &awscdk.StackProps{
		Description: jsii.String("ecs-advanced-network example: web at /*, api at /api/*, internal orders called by api"),
	})
	return stack, BuildNetwork(stack, "Network")
}
