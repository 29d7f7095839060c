package io.github.ecsadvancednetwork.examples;

import java.util.List;

import io.github.ecsadvancednetwork.ContainerDependency;
import io.github.ecsadvancednetwork.ContainerHealthCheck;
import io.github.ecsadvancednetwork.Discovery;
import io.github.ecsadvancednetwork.EcsAdvancedNetwork;
import io.github.ecsadvancednetwork.HealthCheckOptions;
import io.github.ecsadvancednetwork.NetworkService;
import io.github.ecsadvancednetwork.RoutingOptions;
import io.github.ecsadvancednetwork.ServiceConnectDiscoveryOptions;
import io.github.ecsadvancednetwork.ServiceOptions;
import io.github.ecsadvancednetwork.ServiceScalingOptions;
import io.github.ecsadvancednetwork.SidecarOptions;
import software.amazon.awscdk.App;
import software.amazon.awscdk.AppProps;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.services.ecs.AppProtocol;
import software.amazon.awscdk.services.ecs.ContainerDependencyCondition;
import software.amazon.awscdk.services.ecs.ContainerImage;
import software.constructs.Construct;

/**
 * The bundled example network, built from Java (mirrors example/architecture.ts): {@code web} at
 * {@code /*}, {@code api} at {@code /api/*}, and an internal {@code orders} service that only
 * {@code api} may call, by name, through Service Connect.
 */
public final class ExampleNetwork {
    /** Public registry images, so that nothing needs Docker. */
    public static final String WEB_IMAGE = "public.ecr.aws/nginx/nginx:stable";
    public static final String API_IMAGE = "public.ecr.aws/docker/library/httpd:2.4";
    public static final String ORDERS_IMAGE = "public.ecr.aws/docker/library/httpd:2.4";
    /** api's sidecar: an OpenTelemetry collector it reaches on localhost:4317. */
    public static final String METRICS_IMAGE = "public.ecr.aws/aws-observability/aws-otel-collector:v0.43.1";

    public static final String STACK_NAME = "EcsAdvancedNetworkExample";

    private ExampleNetwork() {
    }

    /** Adds the example network to {@code scope}. */
    public static EcsAdvancedNetwork buildNetwork(final Construct scope, final String id) {
        EcsAdvancedNetwork network = EcsAdvancedNetwork.Builder.create(scope, id).build();

        network.addService("web", ServiceOptions.builder()
                .image(ContainerImage.fromRegistry(WEB_IMAGE))
                .containerPort(80)
                // nginx writes its cache, pid file and temporary files; everything else stays read-only
                .writableDirectories(List.of("/var/cache/nginx", "/var/run", "/tmp"))
                .routing(RoutingOptions.builder().pathPatterns(List.of("/*")).build())
                .build());

        NetworkService orders = network.addService("orders", ServiceOptions.builder()
                .image(ContainerImage.fromRegistry(ORDERS_IMAGE))
                .containerPort(80)
                .writableDirectories(List.of("/usr/local/apache2/logs"))
                .discovery(Discovery.serviceConnect(ServiceConnectDiscoveryOptions.builder()
                        .appProtocol(AppProtocol.getHttp())
                        .build()))
                .build());

        NetworkService api = network.addService("api", ServiceOptions.builder()
                .image(ContainerImage.fromRegistry(API_IMAGE))
                .containerPort(80)
                .cpu(512)
                .memoryLimitMiB(1024)
                .writableDirectories(List.of("/usr/local/apache2/logs"))
                .routing(RoutingOptions.builder()
                        .pathPatterns(List.of("/api/*"))
                        .healthCheck(HealthCheckOptions.builder().path("/").build())
                        .build())
                // a metrics sidecar on localhost, hardened like api itself; api starts once it is healthy
                .sidecars(List.of(SidecarOptions.builder()
                        .name("metrics")
                        .image(ContainerImage.fromRegistry(METRICS_IMAGE))
                        .memoryLimitMiB(256)
                        .user("10001")
                        .containerPorts(List.of(4317))
                        .healthCheck(ContainerHealthCheck.builder().command(List.of("CMD", "/healthcheck")).build())
                        .build()))
                .dependsOn(List.of(ContainerDependency.builder()
                        .containerName("metrics")
                        .condition(ContainerDependencyCondition.HEALTHY)
                        .build()))
                .build());
        api.connectTo(orders);
        api.autoScale(ServiceScalingOptions.builder().maxCapacity(6).targetRequestsPerTarget(500).build());

        return network;
    }

    /** An environment-agnostic stack (no account or region) holding the example network. */
    public static Stack build(final App app) {
        Stack stack = new Stack(app, STACK_NAME, StackProps.builder()
                .description("ecs-advanced-network example: web at /*, api at /api/*, internal orders called by api")
                .build());
        buildNetwork(stack, "Network");
        return stack;
    }

    /** Synthesizes the example into ./cdk.out; no AWS account needed. */
    public static void main(final String[] args) {
        App app = new App(AppProps.builder().outdir("cdk.out").build());
        build(app);
        app.synth();
    }
}
