package io.github.ecsadvancednetwork.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import io.github.ecsadvancednetwork.EcsAdvancedNetwork;
import io.github.ecsadvancednetwork.NetworkService;
import software.amazon.awscdk.App;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;

/** Synthesizes the example network from Java and checks the key facts of example/architecture.ts. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ExampleNetworkTest {
    private Stack stack;
    private EcsAdvancedNetwork network;
    private Template template;
    private final Map<String, NetworkService> services = new TreeMap<>();

    @BeforeAll
    void synthesize() {
        App app = new App();
        stack = new Stack(app, ExampleNetwork.STACK_NAME);
        network = ExampleNetwork.buildNetwork(stack, "Network");
        app.synth(); // no AWS account: the stack is environment-agnostic
        template = Template.fromStack(stack);
        network.getServices().forEach(s -> services.put(s.getServiceName(), s));
    }

    @Test
    void threeServices() {
        template.resourceCountIs("AWS::ECS::Service", 3);
        assertEquals(List.of("api", "orders", "web"), List.copyOf(services.keySet()));
    }

    @Test
    void webIsTheListenerDefaultAction() {
        NetworkService web = services.get("web");
        assertEquals(List.of("/*"), web.getRouting().getPathPatterns());
        assertNull(web.getListenerRule());
        assertNull(web.getPriority());
        template.hasResourceProperties("AWS::ElasticLoadBalancingV2::Listener", Map.of(
                "DefaultActions", List.of(Map.of(
                        "Type", "forward",
                        "TargetGroupArn", stack.resolve(web.getTargetGroup().getTargetGroupArn())))));
    }

    @Test
    void apiHasAPathRule() {
        NetworkService api = services.get("api");
        assertNotNull(api.getListenerRule());
        assertNotNull(api.getPriority());
        template.hasResourceProperties("AWS::ElasticLoadBalancingV2::ListenerRule", Map.of(
                "Conditions", List.of(Map.of(
                        "Field", "path-pattern",
                        "PathPatternConfig", Map.of("Values", List.of("/api/*")))),
                "Actions", List.of(Map.of(
                        "Type", "forward",
                        "TargetGroupArn", stack.resolve(api.getTargetGroup().getTargetGroupArn())))));
        assertNull(services.get("orders").getTargetGroup(), "orders is internal: not behind the load balancer");
        template.resourceCountIs("AWS::ElasticLoadBalancingV2::ListenerRule", 1);
    }

    @Test
    void apiHasAMetricsSidecarOnLocalhost() {
        NetworkService api = services.get("api");
        assertEquals(1, api.getSidecars().size());
        assertEquals("metrics", api.getSidecars().get(0).getContainerName());
        template.hasResourceProperties("AWS::ECS::TaskDefinition", Map.of(
                "ContainerDefinitions", Match.arrayWith(List.of(
                        Match.objectLike(Map.of(
                                "Name", "api",
                                "DependsOn", List.of(Map.of("ContainerName", "metrics", "Condition", "HEALTHY")))),
                        Match.objectLike(Map.of(
                                "Name", "metrics",
                                "ReadonlyRootFilesystem", true,
                                "Privileged", false,
                                "HealthCheck", Match.objectLike(Map.of("Command", List.of("CMD", "/healthcheck")))))))));
    }

    @Test
    void s3GatewayEndpointAndFlowLog() {
        Map<String, Map<String, Object>> gateways = template.findResources("AWS::EC2::VPCEndpoint",
                Map.of("Properties", Map.of("VpcEndpointType", "Gateway")));
        assertEquals(1, gateways.size());
        Object serviceName = ((Map<?, ?>) gateways.values().iterator().next().get("Properties")).get("ServiceName");
        assertTrue(String.valueOf(serviceName).contains(".s3"), "gateway endpoint for S3, got " + serviceName);
        assertNotNull(network.getFlowLog());
        template.resourceCountIs("AWS::EC2::FlowLog", 1);
        template.hasResourceProperties("AWS::EC2::FlowLog", Map.of("ResourceType", "VPC", "TrafficType", "ALL"));
    }

    @Test
    void onlyApiMayCallOrders() {
        Map<String, Map<String, Object>> apiToOrders = ingress("api", "orders");
        assertEquals(1, apiToOrders.size());
        Map<?, ?> props = (Map<?, ?>) apiToOrders.values().iterator().next().get("Properties");
        assertEquals("tcp", props.get("IpProtocol"));
        assertEquals(80, ((Number) props.get("FromPort")).intValue());
        assertEquals(80, ((Number) props.get("ToPort")).intValue());
        assertEquals(0, ingress("web", "orders").size());
        assertEquals(List.of("orders"), services.get("api").getCallees().stream().map(NetworkService::getServiceName).toList());
        assertTrue(services.get("web").getCallees().isEmpty());
    }

    private Map<String, Map<String, Object>> ingress(final String source, final String target) {
        return template.findResources("AWS::EC2::SecurityGroupIngress", Map.of("Properties", Map.of(
                "GroupId", stack.resolve(services.get(target).getSecurityGroup().getSecurityGroupId()),
                "SourceSecurityGroupId", stack.resolve(services.get(source).getSecurityGroup().getSecurityGroupId()))));
    }
}
