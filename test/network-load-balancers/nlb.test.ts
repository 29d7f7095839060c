import { Stack } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import * as acm from 'aws-cdk-lib/aws-certificatemanager';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import * as elbv2 from 'aws-cdk-lib/aws-elasticloadbalancingv2';
import * as iam from 'aws-cdk-lib/aws-iam';
import { Egress, ElasticIps, IngressAccess, IpStack, ServiceDeployment } from '../../src';
import { egressRulesOf, groupIdOf, IMAGE, ingressRulesOf, logicalId, newNetwork, newStack, propsOf, serviceProps } from '../helpers/network';

const CERT_ARN = 'arn:aws:acm:us-east-1:111111111111:certificate/abc';

function nlbNetwork() {
  const stack = newStack();
  const certificate = acm.Certificate.fromCertificateArn(stack, 'Cert', CERT_ARN);
  const { network } = newNetwork({
    networkLoadBalancers: [
      { name: 'edge', elasticIps: ElasticIps.allocate() },
      { name: 'partners', internetFacing: false, endpointService: { allowedPrincipals: [new iam.ArnPrincipal('arn:aws:iam::222222222222:root')] } },
    ],
  }, stack);
  const mqtt = network.addService('mqtt', {
    image: IMAGE,
    containerPort: 1883,
    networkListeners: [
      { loadBalancer: 'edge', port: 1883 },
      { loadBalancer: 'edge', port: 8883, protocol: elbv2.Protocol.TLS, certificate },
    ],
  });
  const dns = network.addService('dns', {
    image: IMAGE,
    containerPort: 53,
    networkListeners: [
      { loadBalancer: 'edge', port: 53, protocol: elbv2.Protocol.UDP, healthCheck: { port: 8053 } },
    ],
  });
  const api = network.addService('api', {
    image: IMAGE,
    containerPort: 8080,
    routing: { pathPatterns: ['/api/*'] },
    networkListeners: [{ loadBalancer: 'partners', port: 443, containerPort: 8080, healthCheck: { protocol: elbv2.Protocol.HTTP, path: '/health' } }],
  });
  return { stack, network, mqtt, dns, api, template: Template.fromStack(stack) };
}

describe('Network Load Balancers', () => {
  test('an internet-facing one with an Elastic IP per AZ, a security group, cross-zone, deletion protection and access logs', () => {
    const { network, template } = nlbNetwork();
    const edge = network.networkLoadBalancers[0];
    const props = propsOf(template, edge.loadBalancer);
    expect(props.Type).toBe('network');
    expect(props.Scheme).toBe('internet-facing');
    expect(props.SecurityGroups).toEqual([groupIdOf(edge.securityGroup)]);
    expect(props.SubnetMappings).toEqual(network.vpc.publicSubnets.map((s, i) => ({
      SubnetId: { Ref: logicalId(s) }, AllocationId: { 'Fn::GetAtt': [logicalId(edge.elasticIps[i]), 'AllocationId'] },
    })));
    const attributes = Object.fromEntries(props.LoadBalancerAttributes.map((a: any) => [a.Key, a.Value]));
    expect(attributes).toMatchObject({ 'deletion_protection.enabled': 'true', 'load_balancing.cross_zone.enabled': 'true', 'access_logs.s3.enabled': 'true' });
    template.resourceCountIs('AWS::EC2::EIP', 2 + 2); // the NAT gateways' and the load balancer's
  });

  test('TCP, TLS and UDP listeners, each with an IP target group of its own; the tasks admit exactly the load balancer', () => {
    const { network, template, mqtt, dns } = nlbNetwork();
    const edge = network.networkLoadBalancers[0];
    expect(mqtt.networkListeners.map(l => [l.port, l.protocol])).toEqual([[1883, elbv2.Protocol.TCP], [8883, elbv2.Protocol.TLS]]);
    const tls = propsOf(template, mqtt.networkListeners[1].listener);
    expect(tls).toMatchObject({ Port: 8883, Protocol: 'TLS', Certificates: [{ CertificateArn: CERT_ARN }], SslPolicy: 'ELBSecurityPolicy-TLS13-1-2-Res-PQ-2025-09' });
    const tg = propsOf(template, mqtt.networkListeners[1].targetGroup);
    expect(tg).toMatchObject({ Port: 1883, Protocol: 'TCP', TargetType: 'ip', HealthCheckProtocol: 'TCP' });
    expect(Object.fromEntries(tg.TargetGroupAttributes.map((a: any) => [a.Key, a.Value]))).toMatchObject({
      'preserve_client_ip.enabled': 'false', 'deregistration_delay.timeout_seconds': '30',
    });
    // UDP: a UDP port mapping on the container, a TCP health check on its own port
    const udp = propsOf(template, dns.networkListeners[0].targetGroup);
    expect(udp).toMatchObject({ Protocol: 'UDP', Port: 53, HealthCheckPort: '8053', HealthCheckProtocol: 'TCP' });
    const container = propsOf(template, dns.taskDefinition).ContainerDefinitions[0];
    expect(container.PortMappings).toEqual(expect.arrayContaining([expect.objectContaining({ ContainerPort: 53, Protocol: 'udp' })]));
    const fromNlb = ingressRulesOf(template, dns.securityGroup).map(r => [r.IpProtocol, r.FromPort, r.SourceSecurityGroupId]);
    expect(fromNlb).toEqual([['udp', 53, groupIdOf(edge.securityGroup)], ['tcp', 8053, groupIdOf(edge.securityGroup)]]);
    // the load balancer's egress: the task ports only
    expect(egressRulesOf(template, edge.securityGroup).map(r => [r.IpProtocol, r.FromPort])).toEqual(
      expect.arrayContaining([['tcp', 1883], ['udp', 53], ['tcp', 8053]]));
    // clients reach the listener ports only
    expect(propsOf(template, edge.securityGroup).SecurityGroupIngress.map((r: any) => [r.IpProtocol, r.FromPort, r.CidrIp])).toEqual([
      ['tcp', 1883, '0.0.0.0/0'], ['tcp', 8883, '0.0.0.0/0'], ['udp', 53, '0.0.0.0/0'],
    ]);
    expect(serviceProps(template, dns).LoadBalancers).toEqual([{ TargetGroupArn: { Ref: logicalId(dns.networkListeners[0].targetGroup) }, ContainerName: 'dns', ContainerPort: 53 }]);
  });

  test('a service behind an ALB route and a Network Load Balancer at once has both target groups', () => {
    const { template, api } = nlbNetwork();
    expect(serviceProps(template, api).LoadBalancers.map((l: any) => l.TargetGroupArn)).toEqual([
      { Ref: logicalId(api.targetGroup!) }, { Ref: logicalId(api.networkListeners[0].targetGroup) },
    ]);
    expect(propsOf(template, api.networkListeners[0].targetGroup)).toMatchObject({ HealthCheckProtocol: 'HTTP', HealthCheckPath: '/health' });
  });

  test('an internal one published as a VPC endpoint service, acceptance required, the allowed principals', () => {
    const { network, template } = nlbNetwork();
    const partners = network.networkLoadBalancers[1];
    expect(propsOf(template, partners.loadBalancer).Scheme).toBe('internal');
    expect(propsOf(template, partners.loadBalancer).EnforceSecurityGroupInboundRulesOnPrivateLinkTraffic).toBe('off');
    template.hasResourceProperties('AWS::EC2::VPCEndpointService', {
      AcceptanceRequired: true,
      NetworkLoadBalancerArns: [{ Ref: logicalId(partners.loadBalancer) }],
    });
    template.hasResourceProperties('AWS::EC2::VPCEndpointServicePermissions', { AllowedPrincipals: ['arn:aws:iam::222222222222:root'] });
  });

  test('the HTTPS routes of an Application Load Balancer behind a Network Load Balancer, for fixed addresses (443 only: no plain HTTP on them)', () => {
    const stack = newStack();
    const certificate = acm.Certificate.fromCertificateArn(stack, 'Cert', CERT_ARN);
    const { network } = newNetwork({
      loadBalancer: { certificate },
      networkLoadBalancers: [{ name: 'static', elasticIps: ElasticIps.fromAllocationIds(['eipalloc-00000001', 'eipalloc-00000002']), forwardToApplicationLoadBalancer: IngressAccess.PUBLIC }],
    }, stack);
    const template = Template.fromStack(stack);
    const nlb = network.networkLoadBalancers[0];
    expect(nlb.listeners.map(l => [l.port, l.target])).toEqual([[443, 'application load balancer public']]);
    template.resourcePropertiesCountIs('AWS::ElasticLoadBalancingV2::TargetGroup', { TargetType: 'alb' }, 1);
    template.hasResourceProperties('AWS::ElasticLoadBalancingV2::TargetGroup', {
      TargetType: 'alb', Port: 443, Protocol: 'TCP', Targets: [{ Id: { Ref: logicalId(network.loadBalancer!) }, Port: 443 }],
    });
    expect(ingressRulesOf(template, network.loadBalancer!.connections.securityGroups[0]).map(r => [r.FromPort, r.SourceSecurityGroupId]))
      .toEqual([[443, groupIdOf(nlb.securityGroup)]]);
    expect(propsOf(template, nlb.loadBalancer).SubnetMappings.map((m: any) => m.AllocationId)).toEqual(['eipalloc-00000001', 'eipalloc-00000002']);
  });

  test('forwarding to the internal Application Load Balancer creates it', () => {
    const { network } = newNetwork({ networkLoadBalancers: [{ name: 'static', elasticIps: ElasticIps.allocate(), forwardToApplicationLoadBalancer: IngressAccess.INTERNAL }] });
    expect(network.loadBalancers.map(lb => lb.name)).toEqual(['public', 'internal']);
    expect(Object.keys(network.monitoring!.loadBalancer5xxAlarms)).toEqual(['internal']);
  });

  test('report, cost, alarms and dashboard cover every Network Load Balancer', () => {
    const { network, stack } = nlbNetwork();
    const report = network.report();
    expect(report.reachability.filter(e => e.destination === 'network load balancer edge').map(e => e.port)).toEqual(['TCP 1883', 'TLS 8883', 'UDP 53']);
    expect(report.reachability.find(e => e.source === 'network load balancer edge' && e.destination === 'dns')).toMatchObject({
      kind: 'route', port: 'UDP 53', detail: 'UDP 53, client address preserved',
    });
    expect(report.reachability.find(e => e.source.startsWith('PrivateLink'))).toMatchObject({ destination: 'network load balancer partners', detail: 'VPC endpoint service, acceptance required' });
    expect(report.cost.lines.find(l => l.item === 'Network Load Balancer hours')!.quantity).toBe('2 x 730 h x $0.0225');
    expect(report.cost.lines.find(l => l.item.startsWith('Network Load Balancer public IPv4'))!.monthlyUsd).toBeCloseTo(2 * 730 * 0.005, 4);
    expect(report.markdown).toContain('nlb_edge[["network load balancer edge"]]');
    expect(Object.keys(network.monitoring!.networkLoadBalancerAlarms)).toEqual(['edge', 'partners']);
    const template = Template.fromStack(stack);
    template.hasResourceProperties('AWS::CloudWatch::Alarm', { MetricName: 'TCP_ELB_Reset_Count', Threshold: 100 });
    template.hasResourceProperties('AWS::CloudWatch::Alarm', { MetricName: 'ClientTLSNegotiationErrorCount', Threshold: 10 });
    template.resourcePropertiesCountIs('AWS::CloudWatch::Alarm', { MetricName: 'UnHealthyHostCount', Namespace: 'AWS/NetworkELB' }, 4);
    // `edge` is open to any address on ports other than 80 and 443: each such listener warns (test/compliance/acknowledgements.test.ts), nothing else
    const warnings = Annotations.fromStack(stack).findWarning('*', Match.stringLikeRegexp('Network Load Balancer')).map(w => String(w.entry.data));
    expect(warnings.filter(w => !w.includes('ecs-advanced-network:openListenerPort'))).toEqual([]);
    expect(warnings.map(w => /on port (\d+)/.exec(w)![1])).toEqual(['1883', '8883', '53']);
  });
});

describe('Network Load Balancers in front of IPv6-only tasks', () => {
  const image = ecs.ContainerImage.fromRegistry('123456789012.dkr-ecr.us-east-1.on.aws/web:1.0');
  const build = () => newNetwork({
    ipStack: IpStack.ipv6OnlyTasks(),
    egress: Egress.endpointsOnly(),
    networkLoadBalancers: [{ name: 'edge' }, { name: 'partners', internetFacing: false }],
  }).network;

  test('dual-stack load balancers (the internal one in the dual-stack private subnets), IPv6 target groups, IPv4 and IPv6 clients', () => {
    const network = build();
    const api = network.addService('api', {
      image, containerPort: 8080, networkListeners: [{ loadBalancer: 'edge', port: 443 }, { loadBalancer: 'partners', port: 8443 }],
    });
    const template = Template.fromStack(Stack.of(network));
    const [edge, partners] = network.networkLoadBalancers;
    expect(propsOf(template, edge.loadBalancer).IpAddressType).toBe('dualstack');
    expect(propsOf(template, partners.loadBalancer)).toMatchObject({
      IpAddressType: 'dualstack', Scheme: 'internal', Subnets: network.vpc.privateSubnets.map(subnet => ({ Ref: logicalId(subnet) })),
    });
    for (const l of api.networkListeners) expect(propsOf(template, l.targetGroup)).toMatchObject({ IpAddressType: 'ipv6', TargetType: 'ip' });
    const peers = (nlb: typeof edge) => propsOf(template, nlb.securityGroup).SecurityGroupIngress.map((r: any) => r.CidrIp ?? r.CidrIpv6);
    expect(peers(edge)).toEqual(['0.0.0.0/0', '::/0']);
    expect(peers(partners)).toEqual(['10.0.0.0/16', { 'Fn::Select': [0, { 'Fn::GetAtt': [logicalId(network.vpc), 'Ipv6CidrBlocks'] }] }]);
  });

  test('UDP to IPv6 targets is an error (it needs IPv6 source NAT prefixes)', () => {
    expect(() => build().addService('dns', {
      image, containerPort: 53, networkListeners: [{ loadBalancer: 'edge', port: 53, protocol: elbv2.Protocol.UDP, healthCheck: { port: 8053 } }],
    })).toThrow('`dns.networkListeners[0].protocol` cannot be UDP for IPv6-only tasks: UDP to IPv6 targets needs a dual-stack load balancer with an IPv6 ' +
      'source NAT prefix in each subnet, which the network does not set up, got: "UDP". Use `ipStack: IpStack.dualStack()` for a UDP service, or a TCP or TLS listener.');
  });
});

describe('Network Load Balancers: bad input', () => {
  const withNlb = () => newNetwork({ networkLoadBalancers: [{ name: 'edge' }] }).network;

  test('a UDP listener with TLS settings, a TLS listener without a certificate', () => {
    const stack = newStack();
    const certificate = acm.Certificate.fromCertificateArn(stack, 'Cert', CERT_ARN);
    const { network } = newNetwork({ networkLoadBalancers: [{ name: 'edge' }] }, stack);
    expect(() => network.addService('a', { image: IMAGE, containerPort: 53, networkListeners: [{ loadBalancer: 'edge', port: 53, protocol: elbv2.Protocol.UDP, certificate }] }))
      .toThrow('`a.networkListeners[0].certificate` only applies to a TLS listener, not UDP (a Network Load Balancer does not terminate TLS over UDP), got: "UDP". ' +
        'Use `protocol: elbv2.Protocol.TLS`, or remove the TLS settings.');
    expect(() => network.addService('b', { image: IMAGE, containerPort: 443, networkListeners: [{ loadBalancer: 'edge', port: 443, protocol: elbv2.Protocol.TLS }] }))
      .toThrow(/^`b.networkListeners\[0\].certificate` is required for a TLS listener/);
  });

  test('one listener per load balancer port, whatever its protocol; TCP and UDP of one service go in one TCP_UDP listener', () => {
    const network = withNlb();
    network.addService('a', { image: IMAGE, containerPort: 53, networkListeners: [{ loadBalancer: 'edge', port: 53, protocol: elbv2.Protocol.UDP, healthCheck: { port: 8053 } }] });
    // AWS: a listener per port of a Network Load Balancer; TCP_UDP takes both transports to one target group
    expect(() => network.addService('b', { image: IMAGE, containerPort: 53, networkListeners: [{ loadBalancer: 'edge', port: 53 }] }))
      .toThrow('`b.networkListeners[0].port` is taken on Network Load Balancer `edge` for UDP by service `a`: a Network Load Balancer has one listener per port, ' +
        'whatever its protocol, got: 53. Give each listener of a load balancer its own port (one `elbv2.Protocol.TCP_UDP` listener takes TCP and UDP on a port, ' +
        'to one port of one service, without TLS).');
    expect(() => network.addService('c', { image: IMAGE, containerPort: 53, networkListeners: [{ loadBalancer: 'edge', port: 53, protocol: elbv2.Protocol.TCP_UDP }] }))
      .toThrow('`c.networkListeners[0].port` is taken on Network Load Balancer `edge` for UDP by service `a`, got: 53. Give each listener of a load balancer its own port.');
    expect(() => network.addService('d', { image: IMAGE, containerPort: 80, networkListeners: [{ loadBalancer: 'edge', port: 80 }, { loadBalancer: 'edge', port: 80 }] }))
      .toThrow(/^`d.networkListeners\[1\].port` is taken on Network Load Balancer `edge` for TCP by service `d`/);
    expect(() => network.addService('e', {
      image: IMAGE,
      containerPort: 5353,
      networkListeners: [{ loadBalancer: 'edge', port: 5353 }, { loadBalancer: 'edge', port: 5353, protocol: elbv2.Protocol.UDP, healthCheck: { port: 5353 } }],
    })).toThrow('`e.networkListeners[1].port` is taken on Network Load Balancer `edge` for TCP by another listener of service `e`: a Network Load Balancer ' +
      'has one listener per port, whatever its protocol, got: 5353. Use one listener with `protocol: elbv2.Protocol.TCP_UDP` for TCP and UDP on port 5353.');
    expect(network.services.map(s => s.serviceName)).toEqual(['a']);
  });

  test('blue/green, canary or linear behind a Network Load Balancer: ECS needs an alternate target group for every load balancer', () => {
    const listeners = [{ loadBalancer: 'edge', port: 1883 }];
    expect(() => withNlb().addService('a', { image: IMAGE, containerPort: 1883, deployment: ServiceDeployment.canary(), networkListeners: listeners }))
      .toThrow('`a.deployment` is canary, but service `a` is behind a Network Load Balancer (`networkListeners`): ECS needs an alternate target group and a ' +
        'production listener for every load balancer of a blue/green, canary or linear service, which the network gives to Application Load Balancer routes only, ' +
        'got: "CANARY". Give `a` `deployment: ServiceDeployment.rolling()`, or put its Network Load Balancer listeners on a service of their own.');
    const { network } = newNetwork({ deployment: ServiceDeployment.blueGreen(), networkLoadBalancers: [{ name: 'edge' }] });
    expect(() => network.addService('b', { image: IMAGE, containerPort: 1883, networkListeners: listeners }))
      .toThrow(/^`deployment` is blue\/green \(the network's default\), but service `b` is behind a Network Load Balancer/);
    expect(() => network.addService('c', { image: IMAGE, containerPort: 1883, networkListeners: listeners, deployment: ServiceDeployment.rolling() })).not.toThrow();
    expect(() => network.addService('d', { image: IMAGE, containerPort: 1883, networkListeners: listeners, deployment: ServiceDeployment.linear() }))
      .toThrow(/^`d\.deployment` is linear, but service `d` is behind a Network Load Balancer/);
  });

  test('a UDP listener needs a TCP health-check port: the task admits UDP only on its traffic port', () => {
    expect(() => withNlb().addService('a', { image: IMAGE, containerPort: 53, networkListeners: [{ loadBalancer: 'edge', port: 53, protocol: elbv2.Protocol.UDP }] }))
      .toThrow('`a.networkListeners[0].healthCheck.port` is required for a UDP listener: the load balancer checks a UDP target over TCP, and a UDP task admits ' +
        'only UDP on port 53, got: undefined. Give the TCP port the task answers health checks on (for example `healthCheck: { port: 8080 }`), ' +
        'or use `elbv2.Protocol.TCP_UDP` when the task serves TCP on port 53 too.');
  });

  test('the port of `forwardToApplicationLoadBalancer` is not a service listener\'s', () => {
    const { network } = newNetwork({ networkLoadBalancers: [{ name: 'edge', forwardToApplicationLoadBalancer: IngressAccess.PUBLIC }] });
    expect(() => network.addService('a', { image: IMAGE, containerPort: 80, networkListeners: [{ loadBalancer: 'edge', port: 80 }] }))
      .toThrow('`a.networkListeners[0].port` is taken on Network Load Balancer `edge` by its `forwardToApplicationLoadBalancer` listener to the ' +
        'application load balancer public, got: 80. Give the listener another port, or route the service through the Application Load Balancer (`routing`) instead.');
  });

  test('ports out of range, unknown load balancers, no port to forward to', () => {
    const network = withNlb();
    expect(() => network.addService('a', { image: IMAGE, containerPort: 80, networkListeners: [{ loadBalancer: 'edge', port: 70000 }] }))
      .toThrow(/^`a.networkListeners\[0\].port` must be an integer from 1 to 65535/);
    expect(() => network.addService('b', { image: IMAGE, containerPort: 80, networkListeners: [{ loadBalancer: 'nope', port: 80 }] }))
      .toThrow('`b.networkListeners[0].loadBalancer` must name one of the network\'s `networkLoadBalancers` (edge), got: "nope". ' +
        'Add the Network Load Balancer to `networkLoadBalancers`, or name one that exists.');
    expect(() => network.addService('c', { image: IMAGE, networkListeners: [{ loadBalancer: 'edge', port: 80 }] }))
      .toThrow(/^`c.networkListeners\[0\].containerPort` is required: the service has no `containerPort` to forward to/);
  });

  test('a listener or health-check protocol that a Network Load Balancer does not take for a service', () => {
    const network = withNlb();
    expect(() => network.addService('a', { image: IMAGE, containerPort: 80, networkListeners: [{ loadBalancer: 'edge', port: 80, protocol: elbv2.Protocol.HTTP }] }))
      .toThrow('`a.networkListeners[0].protocol` must be one of `elbv2.Protocol.TCP`, `elbv2.Protocol.UDP`, `elbv2.Protocol.TCP_UDP`, `elbv2.Protocol.TLS` ' +
        '(the protocols a Network Load Balancer listener forwards to a service), got: "HTTP". ' +
        'Choose one of those; an Application Load Balancer route goes in the service\'s `routing` instead.');
    expect(() => network.addService('b', { image: IMAGE, containerPort: 80, networkListeners: [{ loadBalancer: 'edge', port: 81, healthCheck: { protocol: elbv2.Protocol.UDP } }] }))
      .toThrow('`b.networkListeners[0].healthCheck.protocol` must be one of `elbv2.Protocol.TCP`, `elbv2.Protocol.HTTP`, `elbv2.Protocol.HTTPS` ' +
        '(the health checks of a Network Load Balancer target group), got: "UDP". ');
    expect(network.services).toEqual([]);
  });

  test('client-address preservation cannot be turned off for UDP', () => {
    const network = withNlb();
    expect(() => network.addService('a', { image: IMAGE, containerPort: 53, networkListeners: [{ loadBalancer: 'edge', port: 53, protocol: elbv2.Protocol.UDP, preserveClientIp: false }] }))
      .toThrow(/^`a.networkListeners\[0\].preserveClientIp` cannot be false for UDP: a Network Load Balancer always passes the client's address to UDP targets/);
  });

  test('Elastic IPs for fewer or more AZs than the load balancer spans, or on an internal one', () => {
    expect(() => newNetwork({ networkLoadBalancers: [{ name: 'edge', elasticIps: ElasticIps.fromAllocationIds(['eipalloc-00000001']) }] }))
      .toThrow('`networkLoadBalancers[0].elasticIps` must give one allocation id per Availability Zone of the network (2): the load balancer has a node in each, ' +
        'got: ["eipalloc-00000001"]. Give 2 allocation ids, or use `ElasticIps.allocate()`.');
    // Amazon EC2 User Guide, "Resource IDs": `eipalloc-` and 8 or 17 hexadecimal characters, one address per node
    expect(() => newNetwork({ networkLoadBalancers: [{ name: 'edge', elasticIps: ElasticIps.fromAllocationIds(['eipalloc-00000001', '52.1.2.3']) }] }))
      .toThrow('`networkLoadBalancers[0].elasticIps[1]` must be an Elastic IP allocation ID (`eipalloc-` and 8 or 17 lower-case hexadecimal characters), ' +
        'got: "52.1.2.3". Use for example `eipalloc-0123456789abcdef0`.');
    expect(() => newNetwork({ networkLoadBalancers: [{ name: 'edge', elasticIps: ElasticIps.fromAllocationIds(['eipalloc-00000001', 'eipalloc-00000001']) }] }))
      .toThrow('`networkLoadBalancers[0].elasticIps` must not list an ID twice: each Elastic IP allocation ID serves one resource only, got: ["eipalloc-00000001"]. ' +
        'Give a distinct ID for each.');
    expect(() => newNetwork({ networkLoadBalancers: [{ name: 'edge', internetFacing: false, elasticIps: ElasticIps.allocate() }] }))
      .toThrow(/^`networkLoadBalancers\[0\].elasticIps` only apply to an internet-facing load balancer/);
  });

  test('an Elastic IP given to a NAT gateway and a Network Load Balancer, or to two load balancers', () => {
    const [a, b, c] = ['eipalloc-0123456789abcdef0', 'eipalloc-0123456789abcdef1', 'eipalloc-0123456789abcdef2'];
    expect(() => newNetwork({
      egress: Egress.natGatewayPerAz({ eipAllocationIds: [a, b] }),
      networkLoadBalancers: [{ name: 'edge', elasticIps: ElasticIps.fromAllocationIds([c, a]) }],
    })).toThrow('`networkLoadBalancers[0].elasticIps[1]` is also given to `egress.eipAllocationIds[0]` (a NAT gateway): an Elastic IP address is associated ' +
      `with one resource at a time, got: "${a}". Allocate another Elastic IP address for one of them, or use \`ElasticIps.allocate()\`.`);
    expect(() => newNetwork({
      networkLoadBalancers: [{ name: 'edge', elasticIps: ElasticIps.fromAllocationIds([a, b]) }, { name: 'partners', elasticIps: ElasticIps.fromAllocationIds([b, c]) }],
    })).toThrow(/^`networkLoadBalancers\[1\].elasticIps\[0\]` is also given to `networkLoadBalancers\[0\].elasticIps\[1\]` \(Network Load Balancer `edge`\)/);
  });

  test('an endpoint service on an internet-facing load balancer; duplicate or bad names', () => {
    expect(() => newNetwork({ networkLoadBalancers: [{ name: 'edge', endpointService: {} }] }))
      .toThrow('`networkLoadBalancers[0].endpointService` needs an internal load balancer: AWS PrivateLink publishes internal Network Load Balancers only, ' +
        'got: "an endpoint service". Set `internetFacing: false` on this load balancer, or publish another, internal one.');
    expect(() => newNetwork({ networkLoadBalancers: [{ name: 'a' }, { name: 'a' }] })).toThrow(/^`networkLoadBalancers\[1\].name` is the name of another Network Load Balancer/);
    expect(() => newNetwork({ networkLoadBalancers: [{ name: 'Edge_1' }] })).toThrow(/^`networkLoadBalancers\[0\].name` must be a DNS label/);
  });

  test('more listeners than a Network Load Balancer takes (50), more target groups than a service takes (5)', () => {
    const network = withNlb();
    for (let i = 0; i < 10; i++) {
      network.addService(`s${i}`, { image: IMAGE, containerPort: 80, networkListeners: [0, 1, 2, 3, 4].map(j => ({ loadBalancer: 'edge', port: 1000 + i * 5 + j })) });
    }
    expect(() => network.addService('one-more', { image: IMAGE, containerPort: 80, networkListeners: [{ loadBalancer: 'edge', port: 2000 }] }))
      .toThrow('`one-more.networkListeners` would give Network Load Balancer `edge` 51 listeners, over the 50 per Network Load Balancer, a quota AWS cannot raise, got: 51. ' +
        'Spread the listeners over more `networkLoadBalancers`.');
    const other = newNetwork({ networkLoadBalancers: [{ name: 'edge' }] }).network;
    expect(() => other.addService('six', {
      image: IMAGE,
      containerPort: 80,
      routing: { pathPatterns: ['/x/*'] },
      networkListeners: [0, 1, 2, 3, 4].map(j => ({ loadBalancer: 'edge', port: 1000 + j })),
    }))
      .toThrow(/^`six.networkListeners` would register the service with 6 target groups, over the 5 load balancer target groups an ECS service takes/);
  });
});

describe('Network Load Balancers in front of an Application Load Balancer: bad input', () => {
  test('forwarding needs an Application Load Balancer of that kind, and one kind', () => {
    expect(() => newNetwork({ loadBalancer: { enabled: false }, networkLoadBalancers: [{ name: 'web', forwardToApplicationLoadBalancer: IngressAccess.PUBLIC }] }))
      .toThrow('`networkLoadBalancers[0].forwardToApplicationLoadBalancer` needs an Application Load Balancer, but the network has none, got: "PUBLIC". ' +
        'Enable `loadBalancer`, or remove `forwardToApplicationLoadBalancer`.');
    expect(() => newNetwork({ loadBalancer: { internetFacing: false }, networkLoadBalancers: [{ name: 'web', forwardToApplicationLoadBalancer: IngressAccess.PUBLIC }] }))
      .toThrow(/^`networkLoadBalancers\[0\].forwardToApplicationLoadBalancer` asks for the internet, but the network has no internet-facing load balancer/);
    expect(() => newNetwork({ networkLoadBalancers: [{ name: 'web', forwardToApplicationLoadBalancer: IngressAccess.PUBLIC_AND_INTERNAL }] }))
      .toThrow('`networkLoadBalancers[0].forwardToApplicationLoadBalancer` must be one kind: `IngressAccess.PUBLIC` or `IngressAccess.INTERNAL`, ' +
        'got: "PUBLIC_AND_INTERNAL". Pick the kind of Application Load Balancer to forward to.');
  });
});
