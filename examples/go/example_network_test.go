package examplenetwork

import (
	"encoding/json"
	"sort"
	"strings"
	"testing"

	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/assertions"
	"github.com/aws/jsii-runtime-go"
	"github.com/ecs-advanced-network/ecs-advanced-network-go/ecsadvancednetwork"
)

type synthesized struct {
	stack    awscdk.Stack
	network  ecsadvancednetwork.EcsAdvancedNetwork
	template assertions.Template
	services map[string]ecsadvancednetwork.NetworkService
}

// synth builds the example in a fresh app and synthesizes it (no AWS account: the stack is environment-agnostic).
func synth(t *testing.T) synthesized {
	t.Helper()
	app := awscdk.NewApp(nil)
	stack, network := Build(app)
	app.Synth(nil)
	services := map[string]ecsadvancednetwork.NetworkService{}
	for _, s := range *network.Services() {
		services[*s.ServiceName()] = s
	}
	return synthesized{stack, network, assertions.Template_FromStack(stack, nil), services}
}

func (s synthesized) ingress(source, target string) map[string]*map[string]interface{} {
	found := s.template.FindResources(jsii.String("AWS::EC2::SecurityGroupIngress"), map[string]interface{}{
		"Properties": map[string]interface{}{
			"GroupId":               s.stack.Resolve(s.services[target].SecurityGroup().SecurityGroupId()),
			"SourceSecurityGroupId": s.stack.Resolve(s.services[source].SecurityGroup().SecurityGroupId()),
		},
	})
	return *found
}

func TestExampleNetwork(t *testing.T) {
	s := synth(t)

	t.Run("three services", func(t *testing.T) {
		s.template.ResourceCountIs(jsii.String("AWS::ECS::Service"), jsii.Number(3))
		names := []string{}
		for name := range s.services {
			names = append(names, name)
		}
		sort.Strings(names)
		if strings.Join(names, ",") != "api,orders,web" {
			t.Fatalf("services = %v, want api, orders, web", names)
		}
	})

	t.Run("web is the listener default action at /*", func(t *testing.T) {
		web := s.services["web"]
		if got := *web.Routing().PathPatterns; len(got) != 1 || *got[0] != "/*" {
			t.Fatalf("web path patterns = %v", got)
		}
		if web.ListenerRule() != nil || web.Priority() != nil {
			t.Fatal("web must be the default action, not a listener rule")
		}
		s.template.HasResourceProperties(jsii.String("AWS::ElasticLoadBalancingV2::Listener"), map[string]interface{}{
			"DefaultActions": []interface{}{map[string]interface{}{
				"Type":           "forward",
				"TargetGroupArn": s.stack.Resolve(web.TargetGroup().TargetGroupArn()),
			}},
		})
	})

	t.Run("api has a listener rule at /api/*", func(t *testing.T) {
		api := s.services["api"]
		if api.ListenerRule() == nil || api.Priority() == nil {
			t.Fatal("api must be routed by a listener rule")
		}
		s.template.HasResourceProperties(jsii.String("AWS::ElasticLoadBalancingV2::ListenerRule"), map[string]interface{}{
			"Conditions": []interface{}{map[string]interface{}{
				"Field":             "path-pattern",
				"PathPatternConfig": map[string]interface{}{"Values": []interface{}{"/api/*"}},
			}},
			"Actions": []interface{}{map[string]interface{}{
				"Type":           "forward",
				"TargetGroupArn": s.stack.Resolve(api.TargetGroup().TargetGroupArn()),
			}},
		})
		if s.services["orders"].TargetGroup() != nil {
			t.Fatal("orders is internal and must not be behind the load balancer")
		}
		s.template.ResourceCountIs(jsii.String("AWS::ElasticLoadBalancingV2::ListenerRule"), jsii.Number(1))
	})

	t.Run("api has a metrics sidecar on localhost", func(t *testing.T) {
		api := s.services["api"]
		sidecars := *api.Sidecars()
		if len(sidecars) != 1 || *sidecars[0].ContainerName() != "metrics" {
			t.Fatalf("api sidecars = %v, want metrics", sidecars)
		}
		s.template.HasResourceProperties(jsii.String("AWS::ECS::TaskDefinition"), map[string]interface{}{
			"ContainerDefinitions": assertions.Match_ArrayWith(&[]interface{}{
				assertions.Match_ObjectLike(&map[string]interface{}{
					"Name":      "api",
					"DependsOn": []interface{}{map[string]interface{}{"ContainerName": "metrics", "Condition": "HEALTHY"}},
				}),
				assertions.Match_ObjectLike(&map[string]interface{}{
					"Name":                   "metrics",
					"ReadonlyRootFilesystem": true,
					"Privileged":             false,
					"HealthCheck":            assertions.Match_ObjectLike(&map[string]interface{}{"Command": []interface{}{"CMD", "/healthcheck"}}),
				}),
			}),
		})
	})

	t.Run("S3 gateway endpoint and flow log", func(t *testing.T) {
		gateways := *s.template.FindResources(jsii.String("AWS::EC2::VPCEndpoint"), map[string]interface{}{
			"Properties": map[string]interface{}{"VpcEndpointType": "Gateway"},
		})
		if len(gateways) != 1 {
			t.Fatalf("gateway endpoints = %d, want 1", len(gateways))
		}
		for _, gw := range gateways {
			name, _ := json.Marshal((*gw)["Properties"].(map[string]interface{})["ServiceName"])
			if !strings.Contains(string(name), ".s3") {
				t.Fatalf("gateway endpoint service = %s, want S3", name)
			}
		}
		if s.network.FlowLog() == nil {
			t.Fatal("the network has no flow log")
		}
		s.template.ResourceCountIs(jsii.String("AWS::EC2::FlowLog"), jsii.Number(1))
		s.template.HasResourceProperties(jsii.String("AWS::EC2::FlowLog"), map[string]interface{}{
			"ResourceType": "VPC", "TrafficType": "ALL",
		})
	})

	t.Run("only api may call orders", func(t *testing.T) {
		apiToOrders := s.ingress("api", "orders")
		if len(apiToOrders) != 1 {
			t.Fatalf("ingress rules from api to orders = %d, want 1", len(apiToOrders))
		}
		for _, rule := range apiToOrders {
			p := (*rule)["Properties"].(map[string]interface{})
			if p["IpProtocol"] != "tcp" || p["FromPort"] != float64(80) || p["ToPort"] != float64(80) {
				t.Fatalf("api to orders rule = %v, want tcp 80", p)
			}
		}
		if webToOrders := s.ingress("web", "orders"); len(webToOrders) != 0 {
			t.Fatalf("ingress rules from web to orders = %d, want 0", len(webToOrders))
		}
		callees := *s.services["api"].Callees()
		if len(callees) != 1 || *callees[0].ServiceName() != "orders" {
			t.Fatalf("api callees = %v, want orders", callees)
		}
	})
}
