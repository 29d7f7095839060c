import { Template } from 'aws-cdk-lib/assertions';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import * as elbv2 from 'aws-cdk-lib/aws-elasticloadbalancingv2';
import { Discovery } from '../../src';
import { homePriority } from '../../src/routing/priorities';
import { IMAGE, allProps, groupIdOf, ingressRulesOf, logicalId, newNetwork, propsOf, serviceProps } from '../helpers/network';

const AGENT = ecs.ContainerImage.fromRegistry('public.ecr.aws/aws-observability/aws-otel-collector:latest');

function defs(stack: any, svc: any): any[] {
  return propsOf(Template.fromStack(stack), svc.taskDefinition).ContainerDefinitions;
}

describe('named ports', () => {
  test('a named port stays inside the task by default: a port mapping, no rule, no route', () => {
    const { stack, network } = newNetwork();
    const svc = network.addService('api', { image: IMAGE, containerPort: 8080, additionalPorts: [{ name: 'admin', containerPort: 9090 }] });
    const t = Template.fromStack(stack);
    expect(defs(stack, svc)[0].PortMappings).toEqual([
      { ContainerPort: 8080, Name: 'api', Protocol: 'tcp' },
      { ContainerPort: 9090, Name: 'admin', Protocol: 'tcp' },
    ]);
    expect(JSON.stringify(ingressRulesOf(t, svc.securityGroup))).not.toContain('9090');
    expect(serviceProps(t, svc).ServiceConnectConfiguration.Services).toHaveLength(1);
  });

  test('a routed named port gets its own target group and rule, registered beside the main port', () => {
    const { stack, network } = newNetwork();
    const svc = network.addService('api', {
      image: IMAGE,
      containerPort: 8080,
      routing: { pathPatterns: ['/api/*'] },
      additionalPorts: [{ name: 'admin', containerPort: 9090, routing: { pathPatterns: ['/admin/*'] } }],
    });
    const t = Template.fromStack(stack);
    t.resourceCountIs('AWS::ElasticLoadBalancingV2::TargetGroup', 2);
    const admin = svc.portTargetGroups.admin;
    expect(propsOf(t, admin).Port).toBe(9090);
    expect(serviceProps(t, svc).LoadBalancers).toEqual([
      { ContainerName: 'api', ContainerPort: 8080, TargetGroupArn: { Ref: logicalId(svc.targetGroup!) } },
      { ContainerName: 'api', ContainerPort: 9090, TargetGroupArn: { Ref: logicalId(admin) } },
    ]);
    const rules = allProps(t, 'AWS::ElasticLoadBalancingV2::ListenerRule');
    expect(rules.map(r => r.Conditions[0].PathPatternConfig.Values[0]).sort()).toEqual(['/admin/*', '/api/*']);
    expect(ingressRulesOf(t, svc.securityGroup).map(r => r.FromPort).sort()).toEqual([8080, 9090]);
  });

  test('the priority of a named port is its own: port `admin` of `api` and a service `api-admin` never share a key', () => {
    const { network } = newNetwork({ monitoring: { enabled: false } });
    const svc = network.addService('api', {
      image: IMAGE, containerPort: 8080, additionalPorts: [{ name: 'admin', containerPort: 9090, routing: { pathPatterns: ['/admin/*'] } }],
    });
    const other = network.addService('api-admin', { image: IMAGE, containerPort: 8080, routing: { pathPatterns: ['/other/*'] } });
    const shape = (p: string) => ({ hostHeaders: [], pathPatterns: [p] });
    const rules = svc.node.findAll().filter((c): c is elbv2.CfnListenerRule => c instanceof elbv2.CfnListenerRule);
    const port = rules.find(r => r.node.path.includes('/Port-admin/'))!;
    expect(port.priority).toBe(homePriority(shape('/admin/*'), 'api/Port-admin/ListenerRule'));
    expect(other.priority).toBe(homePriority(shape('/other/*'), 'api-admin/ListenerRule'));
  });

  test('a sidecar port routed separately registers the sidecar container', () => {
    const { stack, network } = newNetwork();
    const svc = network.addService('api', {
      image: IMAGE,
      containerPort: 8080,
      sidecars: [{ name: 'metrics', image: AGENT }],
      additionalPorts: [{ name: 'metrics', containerPort: 9464, containerName: 'metrics', routing: { pathPatterns: ['/metrics'] } }],
    });
    const t = Template.fromStack(stack);
    expect(serviceProps(t, svc).LoadBalancers).toEqual([
      { ContainerName: 'metrics', ContainerPort: 9464, TargetGroupArn: { Ref: logicalId(svc.portTargetGroups.metrics) } },
    ]);
    expect(defs(stack, svc).find(d => d.Name === 'metrics').PortMappings).toEqual([{ ContainerPort: 9464, Name: 'metrics', Protocol: 'tcp' }]);
    // routed through a named port only: the grace period and the load balancer's targets group apply
    expect(serviceProps(t, svc).HealthCheckGracePeriodSeconds).toBe(60);
  });

  test('a discoverable port is published through Service Connect and callable by name', () => {
    const { stack, network } = newNetwork();
    const orders = network.addService('orders', { image: IMAGE, containerPort: 8080, additionalPorts: [{ name: 'admin', containerPort: 9090, discoverable: true }] });
    const ops = network.addService('ops', { image: IMAGE, connectsTo: ['orders:admin'] });
    const t = Template.fromStack(stack);
    expect(serviceProps(t, orders).ServiceConnectConfiguration.Services[1]).toMatchObject({
      PortName: 'admin', DiscoveryName: 'orders-admin', ClientAliases: [{ DnsName: 'orders-admin', Port: 9090 }],
    });
    const rules = ingressRulesOf(t, orders.securityGroup)
      .filter(r => JSON.stringify(r.SourceSecurityGroupId) === JSON.stringify(groupIdOf(ops.securityGroup)));
    expect(rules.map(r => r.FromPort)).toEqual([9090]);
    const calls = network.report().reachability.filter(r => r.kind === 'call');
    expect(calls).toEqual([{ kind: 'call', source: 'ops', destination: 'orders', port: 'TCP 9090', detail: 'Service Connect orders-admin:9090', encrypted: false }]);
  });

  test('a call to both ports opens both; a call by service name the main port only', () => {
    const { stack, network } = newNetwork();
    const orders = network.addService('orders', { image: IMAGE, containerPort: 8080, additionalPorts: [{ name: 'admin', containerPort: 9090, discoverable: true }] });
    const ops = network.addService('ops', { image: IMAGE, connectsTo: ['orders', 'orders:admin'] });
    const web = network.addService('web', { image: IMAGE, connectsTo: ['orders'] });
    const t = Template.fromStack(stack);
    const from = (caller: any) => ingressRulesOf(t, orders.securityGroup)
      .filter(r => JSON.stringify(r.SourceSecurityGroupId) === JSON.stringify(groupIdOf(caller.securityGroup))).map(r => r.FromPort).sort();
    expect(from(ops)).toEqual([8080, 9090]);
    expect(from(web)).toEqual([8080]);
  });

  test('connectToPort() opens the named port, connectTo() the main port', () => {
    const { stack, network } = newNetwork();
    const orders = network.addService('orders', { image: IMAGE, containerPort: 8080, additionalPorts: [{ name: 'admin', containerPort: 9090, discoverable: true }] });
    const ops = network.addService('ops', { image: IMAGE });
    const web = network.addService('web', { image: IMAGE });
    ops.connectToPort(orders, 'admin');
    web.connectTo(orders);
    const t = Template.fromStack(stack);
    const from = (caller: any) => ingressRulesOf(t, orders.securityGroup)
      .filter(r => JSON.stringify(r.SourceSecurityGroupId) === JSON.stringify(groupIdOf(caller.securityGroup))).map(r => r.FromPort);
    expect(from(ops)).toEqual([9090]);
    expect(from(web)).toEqual([8080]);
    expect(() => web.connectToPort(orders, 'nope')).toThrow('`web.connectsTo` names port `nope` of `orders`, which has no such named port');
  });

  test('a call declared before the callee exists is resolved with its port', () => {
    const { stack, network } = newNetwork();
    const ops = network.addService('ops', { image: IMAGE, connectsTo: ['orders:admin'] });
    const orders = network.addService('orders', { image: IMAGE, containerPort: 8080, additionalPorts: [{ name: 'admin', containerPort: 9090, discoverable: true }] });
    const rules = ingressRulesOf(Template.fromStack(stack), orders.securityGroup)
      .filter(r => JSON.stringify(r.SourceSecurityGroupId) === JSON.stringify(groupIdOf(ops.securityGroup)));
    expect(rules.map(r => r.FromPort)).toEqual([9090]);
  });

  test('a call to a port that is not discoverable is an error', () => {
    const { network } = newNetwork();
    network.addService('orders', { image: IMAGE, containerPort: 8080, additionalPorts: [{ name: 'admin', containerPort: 9090 }] });
    expect(() => network.addService('ops', { image: IMAGE, connectsTo: ['orders:admin'] }))
      .toThrow('`ops.connectsTo` names port `admin` of `orders`, which is not `discoverable`, got: "orders:admin". Set `discoverable: true` on the port in `orders.additionalPorts`, or call its main port (`orders`).');
    expect(() => network.addService('ops2', { image: IMAGE, connectsTo: ['orders:nope'] }))
      .toThrow('`ops2.connectsTo` names port `nope` of `orders`, which has no such named port, got: "orders:nope".');
  });

  test('duplicate ports across the containers of a task are an error', () => {
    const { network } = newNetwork();
    expect(() => network.addService('api', {
      image: IMAGE, containerPort: 8080, sidecars: [{ name: 'proxy', image: AGENT, containerPorts: [8080] }],
    })).toThrow('`api.additionalPorts` must not repeat a port of the task: its containers share one network interface, so two cannot listen on one port, got: [8080].');
    expect(() => network.addService('web', { image: IMAGE, containerPort: 80, additionalPorts: [{ name: 'admin', containerPort: 80 }] }))
      .toThrow('`web.additionalPorts` must not repeat a port of the task');
  });

  test('duplicate or invalid port names are an error', () => {
    const { network } = newNetwork();
    expect(() => network.addService('api', { image: IMAGE, additionalPorts: [{ name: 'a', containerPort: 1 }, { name: 'a', containerPort: 2 }] }))
      .toThrow('`api.additionalPorts` must give every port its own name, got: ["a"]. Rename the ports.');
    expect(() => network.addService('web', { image: IMAGE, additionalPorts: [{ name: 'web', containerPort: 1 }] }))
      .toThrow('`web.additionalPorts[0].name` must be a DNS label (lower-case letters, digits and hyphens) other than the service name (the main port\'s name), got: "web".');
  });

  test('a port of an unknown container is an error', () => {
    const { network } = newNetwork();
    expect(() => network.addService('api', { image: IMAGE, additionalPorts: [{ name: 'm', containerPort: 9000, containerName: 'agent' }] }))
      .toThrow('`api.additionalPorts[0].containerName` must name a container of the task: the service name or a sidecar\'s name, got: "agent". Use one of `api`.');
  });

  test('a port out of range is an error', () => {
    const { network } = newNetwork();
    expect(() => network.addService('api', { image: IMAGE, additionalPorts: [{ name: 'm', containerPort: 70000 }] }))
      .toThrow('`api.additionalPorts[0].containerPort` must be an integer from 1 to 65535, got: 70000. Use the TCP port the container listens on.');
  });

  test('a discoverable port without Service Connect is an error', () => {
    const { network } = newNetwork();
    expect(() => network.addService('api', { image: IMAGE, containerPort: 80, discovery: Discovery.cloudMap(), additionalPorts: [{ name: 'admin', containerPort: 81, discoverable: true }] }))
      .toThrow('`api.additionalPorts[0].discoverable` needs the service\'s `discovery` to be `Discovery.serviceConnect()` (a Cloud Map service registers one port), got cloudMap, got: true.');
  });

  test('a routed port that would take the listener default action is an error', () => {
    const { network } = newNetwork();
    expect(() => network.addService('api', { image: IMAGE, additionalPorts: [{ name: 'admin', containerPort: 81, routing: { pathPatterns: ['/*'] } }] }))
      .toThrow('`api.additionalPorts[0].routing` must not take the listener\'s default action (`/*` alone with no other condition): that is the main port\'s, got: ["/*"].');
  });

  test('a routed port without a load balancer is an error', () => {
    const { network } = newNetwork({ loadBalancer: { enabled: false } });
    expect(() => network.addService('api', { image: IMAGE, additionalPorts: [{ name: 'admin', containerPort: 81, routing: { pathPatterns: ['/admin/*'] } }] }))
      .toThrow('`api.additionalPorts[0].routing` needs a load balancer, but the network has none (`loadBalancer.enabled` is false), got: ["/admin/*"].');
  });
});
