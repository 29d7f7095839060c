"""The bundled example network, built from Python (mirrors example/architecture.ts).

`web` at `/*`, `api` at `/api/*`, and an internal `orders` service that only `api` may call,
by name, through Service Connect.

Synthesize without an AWS account: `python example_network.py` (writes ./cdk.out).
"""
from aws_cdk import App, Stack
from aws_cdk import aws_ecs as ecs
from ecs_advanced_network import (
    ContainerDependency,
    ContainerHealthCheck,
    Discovery,
    EcsAdvancedNetwork,
    HealthCheckOptions,
    RoutingOptions,
    SidecarOptions,
)

# Public registry images, so that nothing needs Docker.
IMAGES = {
    "web": "public.ecr.aws/nginx/nginx:stable",
    "api": "public.ecr.aws/docker/library/httpd:2.4",
    "orders": "public.ecr.aws/docker/library/httpd:2.4",
    # api's sidecar: an OpenTelemetry collector it reaches on localhost:4317
    "metrics": "public.ecr.aws/aws-observability/aws-otel-collector:v0.43.1",
}

STACK_NAME = "EcsAdvancedNetworkExample"


def build_network(stack: Stack, construct_id: str = "Network") -> EcsAdvancedNetwork:
    """Adds the example network to `stack`."""
    network = EcsAdvancedNetwork(stack, construct_id)

    network.add_service(
        "web",
        image=ecs.ContainerImage.from_registry(IMAGES["web"]),
        container_port=80,
        # nginx writes its cache, pid file and temporary files; everything else stays read-only
        writable_directories=["/var/cache/nginx", "/var/run", "/tmp"],
        routing=RoutingOptions(path_patterns=["/*"]),
    )

    orders = network.add_service(
        "orders",
        image=ecs.ContainerImage.from_registry(IMAGES["orders"]),
        container_port=80,
        writable_directories=["/usr/local/apache2/logs"],
        discovery=Discovery.service_connect(app_protocol=ecs.AppProtocol.http),
    )

    api = network.add_service(
        "api",
        image=ecs.ContainerImage.from_registry(IMAGES["api"]),
        container_port=80,
        cpu=512,
        memory_limit_mib=1024,
        writable_directories=["/usr/local/apache2/logs"],
        routing=RoutingOptions(
            path_patterns=["/api/*"],
            health_check=HealthCheckOptions(path="/"),
        ),
        # a metrics sidecar on localhost, hardened like api itself; api starts once it is healthy
        sidecars=[SidecarOptions(
            name="metrics",
            image=ecs.ContainerImage.from_registry(IMAGES["metrics"]),
            memory_limit_mib=256,
            user="10001",
            container_ports=[4317],
            health_check=ContainerHealthCheck(command=["CMD", "/healthcheck"]),
        )],
        depends_on=[ContainerDependency(container_name="metrics", condition=ecs.ContainerDependencyCondition.HEALTHY)],
    )
    api.connect_to(orders)
    api.auto_scale(max_capacity=6, target_requests_per_target=500)

    return network


def build(app: App) -> tuple[Stack, EcsAdvancedNetwork]:
    """An environment-agnostic stack (no account or region) holding the example network."""
    stack = Stack(
        app,
        STACK_NAME,
        description="ecs-advanced-network example: web at /*, api at /api/*, internal orders called by api",
    )
    return stack, build_network(stack)


if __name__ == "__main__":
    app = App(outdir="cdk.out")
    build(app)
    app.synth()
