"""Synthesizes the example network from Python and checks the key facts of example/architecture.ts."""
import json

import pytest
from aws_cdk import App
from aws_cdk.assertions import Match, Template

from example_network import build


@pytest.fixture(scope="module")
def synthesized():
    app = App()
    stack, network = build(app)
    app.synth()  # no AWS account: the stack is environment-agnostic
    template = Template.from_stack(stack)
    services = {s.service_name: s for s in network.services}
    return stack, network, template, services


def test_three_services(synthesized):
    _, _, template, services = synthesized
    template.resource_count_is("AWS::ECS::Service", 3)
    assert sorted(services) == ["api", "orders", "web"]


def test_web_is_the_default_action(synthesized):
    stack, _, template, services = synthesized
    web = services["web"]
    assert web.routing.path_patterns == ["/*"]
    assert web.listener_rule is None and web.priority is None
    template.has_resource_properties("AWS::ElasticLoadBalancingV2::Listener", {
        "DefaultActions": [{"Type": "forward", "TargetGroupArn": stack.resolve(web.target_group.target_group_arn)}],
    })


def test_api_has_a_path_rule(synthesized):
    stack, _, template, services = synthesized
    api = services["api"]
    assert api.listener_rule is not None and api.priority is not None
    template.has_resource_properties("AWS::ElasticLoadBalancingV2::ListenerRule", {
        "Conditions": [{"Field": "path-pattern", "PathPatternConfig": {"Values": ["/api/*"]}}],
        "Actions": [{"Type": "forward", "TargetGroupArn": stack.resolve(api.target_group.target_group_arn)}],
    })
    # orders is internal: not behind the load balancer
    assert services["orders"].target_group is None
    template.resource_count_is("AWS::ElasticLoadBalancingV2::ListenerRule", 1)


def test_api_has_a_metrics_sidecar_on_localhost(synthesized):
    stack, _, template, services = synthesized
    api = services["api"]
    assert [c.container_name for c in api.sidecars] == ["metrics"]
    definitions = template.to_json()["Resources"][stack.get_logical_id(api.task_definition.node.default_child)]["Properties"]["ContainerDefinitions"]
    by_name = {d["Name"]: d for d in definitions}
    assert by_name["metrics"]["ReadonlyRootFilesystem"] is True and by_name["metrics"]["Privileged"] is False
    assert by_name["metrics"]["HealthCheck"]["Command"] == ["CMD", "/healthcheck"]
    assert by_name["api"]["DependsOn"] == [{"ContainerName": "metrics", "Condition": "HEALTHY"}]
    assert by_name["api"]["Memory"] == 768
    # the sidecar's port is not opened by any security-group rule
    assert "4317" not in json.dumps(template.find_resources("AWS::EC2::SecurityGroupIngress"))


def test_s3_gateway_endpoint_and_flow_log(synthesized):
    _, network, template, _ = synthesized
    gateways = template.find_resources("AWS::EC2::VPCEndpoint", {"Properties": {"VpcEndpointType": "Gateway"}})
    assert len(gateways) == 1
    assert ".s3" in json.dumps(next(iter(gateways.values()))["Properties"]["ServiceName"])
    assert network.flow_log is not None
    template.resource_count_is("AWS::EC2::FlowLog", 1)
    template.has_resource_properties("AWS::EC2::FlowLog", {"ResourceType": "VPC", "TrafficType": "ALL"})


def _ingress(stack, template, source, target):
    return template.find_resources("AWS::EC2::SecurityGroupIngress", {"Properties": {
        "GroupId": stack.resolve(target.security_group.security_group_id),
        "SourceSecurityGroupId": stack.resolve(source.security_group.security_group_id),
    }})


def test_only_api_may_call_orders(synthesized):
    stack, _, template, services = synthesized
    api_to_orders = list(_ingress(stack, template, services["api"], services["orders"]).values())
    assert len(api_to_orders) == 1
    props = api_to_orders[0]["Properties"]
    assert (props["IpProtocol"], props["FromPort"], props["ToPort"]) == ("tcp", 80, 80)
    assert _ingress(stack, template, services["web"], services["orders"]) == {}
    assert [c.service_name for c in services["api"].callees] == ["orders"]
    assert services["web"].callees == []


def test_a_service_sets_its_own_alarm_thresholds():
    """Nested structs from Python: per-service monitoring overrides the network's thresholds."""
    from aws_cdk import Stack, aws_ecs as ecs
    from ecs_advanced_network import EcsAdvancedNetwork, MonitoringOptions, RoutingOptions, ServiceMonitoringOptions

    app = App()
    stack = Stack(app, "Monitored")
    network = EcsAdvancedNetwork(stack, "Network", monitoring=MonitoringOptions(target_response_time_seconds=2))
    image = ecs.ContainerImage.from_registry("public.ecr.aws/nginx/nginx-unprivileged:alpine")
    network.add_service("reports", image=image, container_port=8080, routing=RoutingOptions(path_patterns=["/reports/*"]),
                        monitoring=ServiceMonitoringOptions(target_response_time_seconds=30, evaluation_periods=10))
    network.add_service("web", image=image, container_port=8080, routing=RoutingOptions(path_patterns=["/*"]))
    template = Template.from_stack(stack)
    by_name = {r["Properties"]["AlarmName"]: r["Properties"] for r in template.find_resources("AWS::CloudWatch::Alarm").values()}

    assert "reports" in network.monitoring.service_alarms
    assert by_name["Monitored-Network-reports-TargetResponseTime"]["Threshold"] == 30
    assert by_name["Monitored-Network-reports-TargetResponseTime"]["EvaluationPeriods"] == 10
    assert by_name["Monitored-Network-web-TargetResponseTime"]["Threshold"] == 2
    # deletion protection is on by default
    template.has_resource_properties("AWS::ElasticLoadBalancingV2::LoadBalancer", {
        "LoadBalancerAttributes": Match.array_with([{"Key": "deletion_protection.enabled", "Value": "true"}]),
    })
