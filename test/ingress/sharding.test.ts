import { Stack } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import * as route53 from 'aws-cdk-lib/aws-route53';
import { EcsAdvancedNetwork, EcsAdvancedNetworkProps, HostCertificates, IngressAccess, NetworkService } from '../../src';
import { egressRulesOf, ANY_WARNING_BUT_CONTAINER_USER, IMAGE, logicalId, newNetwork, newStack, propsOf, resourcesDeep, saveAssignments, tempAssignmentsFile } from '../helpers/network';

/**
 * A network with `count` routed services, service `i` on host `s<i>.example.com`; with an assignments
 * file (new hosts go to a new load balancer only with one) and the services in nested stacks.
 */
function hostRoutedNetwork(count: number, props: EcsAdvancedNetworkProps = {}) {
  const { stack, network } = newNetwork({
    loadBalancer: { accessLogs: false },
    monitoring: { enabled: false },
    assignmentsFile: tempAssignmentsFile(),
    servicePlacement: { nestedStacks: 5 },
    ...props,
  });
  for (let i = 0; i < count; i++) addHost(network, i);
  return { stack, network };
}

function addHost(network: EcsAdvancedNetwork, i: number, access?: IngressAccess): NetworkService {
  return network.addService(`s${i}`, { image: IMAGE, containerPort: 80, routing: { hostHeaders: [`s${i}.example.com`], access } });
}

const lbNames = (services: NetworkService[]) => services.map(s => s.routes.map(r => r.loadBalancer.name).join('+'));

describe('more than 100 routed services', () => {
  test('without an assignments file, new hosts stay on the first load balancer: the 91st is an error that names the file', () => {
    const { network } = hostRoutedNetwork(90, { assignmentsFile: undefined });
    expect(() => addHost(network, 90)).toThrow('`s90.routing` would add new hosts to load balancer `public`, which takes new hosts up to 90 routes of its 100 target groups ' +
      '(a limit AWS cannot raise; the rest stays for more routes of the hosts it serves), got: "90 routes on `public`". Set the network\'s `assignmentsFile`: ' +
      'new hosts then go to a new load balancer, and the file keeps which load balancer each host is on, so that no later edit moves a host ' +
      '(its DNS record points at one load balancer, and a target group cannot move between load balancers).');
    expect(network.loadBalancers).toHaveLength(1);
  });

  test('with an assignments file, the 91st new host goes to a second load balancer of its kind, and stays there whatever is removed', () => {
    const { stack, network } = hostRoutedNetwork(101);
    expect(network.loadBalancers.map(lb => [lb.name, lb.routeCount])).toEqual([['public', 90], ['public-2', 11]]);
    const second = network.loadBalancers[1];
    expect(network.services[90].routes[0].loadBalancer).toBe(second);
    expect(second.hosts).toEqual(Array.from({ length: 11 }, (_, i) => `s${90 + i}.example.com`));
    const template = Template.fromStack(stack);
    template.resourceCountIs('AWS::ElasticLoadBalancingV2::LoadBalancer', 2);
    // the second one lives in the network's stack, under a scope of its own, hardened like the first
    expect(second.loadBalancer.node.path).toBe('Stack/Network/LoadBalancerPublic2');
    const attributes = Object.fromEntries(propsOf(template, second.loadBalancer).LoadBalancerAttributes.map((a: any) => [a.Key, a.Value]));
    expect(attributes['routing.http.drop_invalid_header_fields.enabled']).toBe('true');
    expect(attributes['deletion_protection.enabled']).toBe('true');
    // the 101st service is in a nested stack; its rule is on the second load balancer's listener
    const s100 = network.findService('s100')!;
    const nested = Template.fromStack(Stack.of(s100));
    expect(JSON.stringify(propsOf(nested, s100.listenerRule!).ListenerArn)).toContain('NetworkLoadBalancerPublic2HttpListener');
    // tasks admit the second load balancer; its egress reaches the targets' group on the port
    expect(egressRulesOf(template, second.loadBalancer.connections.securityGroups[0])).toEqual([
      expect.objectContaining({ FromPort: 80, DestinationSecurityGroupId: { 'Fn::GetAtt': [logicalId(network.loadBalancerTargets!), 'GroupId'] } }),
    ]);
  });

  test('the file keeps each host on its load balancer: removing the first 50 services moves none of the others', () => {
    const assignmentsFile = tempAssignmentsFile();
    const before = hostRoutedNetwork(101, { assignmentsFile });
    saveAssignments(before.network);
    const { network } = newNetwork({
      loadBalancer: { accessLogs: false }, monitoring: { enabled: false }, assignmentsFile, servicePlacement: { nestedStacks: 5 },
    });
    for (let i = 50; i < 101; i++) addHost(network, i);
    expect(lbNames(network.services)).toEqual(lbNames(before.network.services.slice(50)));
    expect(network.services.map(s => s.priority)).toEqual(before.network.services.slice(50).map(s => s.priority));
  });

  test('a host the file places past a lowered `maxLoadBalancers` is an error that names both', () => {
    const assignmentsFile = tempAssignmentsFile();
    saveAssignments(hostRoutedNetwork(91, { assignmentsFile }).network);
    const { network } = newNetwork({
      loadBalancer: { accessLogs: false, maxLoadBalancers: 1 },
      monitoring: { enabled: false },
      assignmentsFile,
      servicePlacement: { nestedStacks: 5 },
    });
    expect(() => addHost(network, 90)).toThrow('`loadBalancer.maxLoadBalancers` allows 1 load balancer(s) of this kind, and the network\'s `assignmentsFile` ' +
      'places the hosts of service `s90` on load balancer 2, got: 1. Raise `maxLoadBalancers` to at least 2.');
  });

  test('adding services never moves an existing one (a move would change its address)', () => {
    const { network } = hostRoutedNetwork(150);
    const before = lbNames(network.services);
    for (let i = 150; i < 230; i++) addHost(network, i);
    expect(lbNames(network.services.slice(0, 150))).toEqual(before);
    expect(before.slice(0, 90).every(n => n === 'public')).toBe(true);
    expect(network.loadBalancers.map(lb => lb.routeCount)).toEqual([90, 90, 50]);
  });

  test('a host stays on its load balancer: more routes of the host join it, in the 10 target groups kept for them', () => {
    const { network } = hostRoutedNetwork(101);
    const more = network.addService('more', { image: IMAGE, containerPort: 80, routing: { hostHeaders: ['s100.example.com'], pathPatterns: ['/more/*'] } });
    expect(more.routes[0].loadBalancer.name).toBe('public-2');
    for (let i = 0; i < 10; i++) {
      const svc = network.addService(`extra${i}`, { image: IMAGE, containerPort: 80, routing: { hostHeaders: ['s3.example.com'], pathPatterns: [`/extra${i}/*`] } });
      expect(svc.routes[0].loadBalancer.name).toBe('public');
    }
    expect(network.loadBalancers[0].routeCount).toBe(100);
  });

  test('a route of a host whose load balancer is full is an error that says what to do', () => {
    const { network } = hostRoutedNetwork(101);
    for (let i = 0; i < 10; i++) {
      network.addService(`extra${i}`, { image: IMAGE, containerPort: 80, routing: { hostHeaders: ['s3.example.com'], pathPatterns: [`/extra${i}/*`] } });
    }
    expect(() => network.addService('x', { image: IMAGE, containerPort: 80, routing: { hostHeaders: ['s3.example.com'], pathPatterns: ['/x/*'] } }))
      .toThrow('`x.routing` would add target group 101 to load balancer `public`, over the 100 target groups per Application Load Balancer, a limit AWS cannot raise; ' +
        'routes with host s3.example.com stay on that load balancer, because their DNS name points at it, got: "100 routes on `public`". ' +
        'Put the service under a host of its own (a new host goes to a load balancer with room), or merge routes of this host into fewer services.');
  });

  test('one rule cannot span hosts that earlier services placed on different load balancers', () => {
    const { network } = hostRoutedNetwork(101);
    expect(() => network.addService('x', { image: IMAGE, containerPort: 80, routing: { hostHeaders: ['s100.example.com', 's5.example.com'], pathPatterns: ['/x/*'] } }))
      .toThrow(/^`x.routing.hostHeaders` names hosts that earlier services placed on different load balancers \(s5.example.com on `public`; s100.example.com on `public-2`\)/);
    expect(network.services).toHaveLength(101);
  });

  test('maxLoadBalancers caps the count: the route that needs one more is an error', () => {
    const { network } = hostRoutedNetwork(90, { loadBalancer: { accessLogs: false, maxLoadBalancers: 1 } });
    expect(() => addHost(network, 90)).toThrow('`loadBalancer.maxLoadBalancers` allows 1 load balancer(s) of this kind, and none has room for the new hosts of ' +
      'service `s90` (a load balancer holds 100 target groups, a limit AWS cannot raise, and takes new hosts up to 90, keeping the rest for the hosts it serves), ' +
      'got: 1. Raise `maxLoadBalancers`, or keep some services off the load balancers (no `routing`: declared calls still reach them).');
    expect(network.loadBalancers).toHaveLength(1);
    expect(network.services).toHaveLength(90);
  });

  test('internal routes shard separately from public ones', () => {
    const { network } = hostRoutedNetwork(0);
    for (let i = 0; i < 101; i++) addHost(network, i, IngressAccess.INTERNAL);
    addHost(network, 200);
    expect(network.loadBalancers.map(lb => [lb.name, lb.routeCount])).toEqual([['public', 1], ['internal', 90], ['internal-2', 11]]);
  });

  test('with a certificate per host, the 26th host goes to a new load balancer with an assignments file, and is a warning that names the quota without', () => {
    const build = (assignmentsFile?: string) => {
      const stack = newStack();
      const zone = new route53.PublicHostedZone(stack, 'Zone', { zoneName: 'example.com' });
      const loadBalancer = { hostedZone: zone, accessLogs: false };
      const { network } = newNetwork({ loadBalancer, monitoring: { enabled: false }, assignmentsFile }, stack);
      for (let i = 0; i < 13; i++) {
        network.addService(`p${i}`, { image: IMAGE, containerPort: 80, routing: { hostHeaders: [`a${i}.example.com`, `b${i}.example.com`] } });
      }
      return { stack, network };
    };
    const filed = build(tempAssignmentsFile());
    // 12 routes of 2 hosts take 24 of the 25 certificates by SNI: the 13th route's 2 hosts do not fit
    expect(filed.network.loadBalancers.map(lb => [lb.name, lb.routeCount, lb.certificates.length])).toEqual([['public', 12, 25], ['public-2', 1, 3]]);
    Annotations.fromStack(filed.stack).hasNoWarning('*', ANY_WARNING_BUT_CONTAINER_USER);
    const unfiled = build();
    expect(unfiled.network.loadBalancers.map(lb => [lb.name, lb.routeCount])).toEqual([['public', 13]]);
    Annotations.fromStack(unfiled.stack).hasWarning('*', Match.stringLikeRegexp(
      'Load balancer `public` has 26 certificates per Application Load Balancer.*"Certificates per Application Load Balancer" of 25'));
  });

  test('with shared certificates, routes with many hosts fill the 20 certificates of 10 names; the next host goes to a new load balancer', () => {
    const stack = newStack();
    const zone = new route53.PublicHostedZone(stack, 'Zone', { zoneName: 'example.com' });
    const { network } = newNetwork({
      loadBalancer: { hostedZone: zone, accessLogs: false, hostCertificates: HostCertificates.SHARED },
      monitoring: { enabled: false },
      assignmentsFile: tempAssignmentsFile(),
      servicePlacement: { nestedStacks: 4 },
    }, stack);
    // 52 routes of 5 hosts: 260 names; 20 certificates of 10 names hold 199 hosts besides the zone
    for (let i = 0; i < 52; i++) {
      network.addService(`p${i}`, { image: IMAGE, containerPort: 80, routing: { hostHeaders: [0, 1, 2, 3, 4].map(j => `h${i * 5 + j}.example.com`) } });
    }
    expect(network.loadBalancers.map(lb => [lb.name, lb.routeCount])).toEqual([['public', 39], ['public-2', 13]]);
    expect(network.loadBalancers[0].certificates).toHaveLength(20);
    const names = resourcesDeep(stack, 'AWS::CertificateManager::Certificate').map(c => 1 + (c.SubjectAlternativeNames?.length ?? 0));
    expect(Math.max(...names)).toBeLessThanOrEqual(10);
    Annotations.fromStack(stack).hasNoWarning('*', ANY_WARNING_BUT_CONTAINER_USER);
  });

  test('every load balancer is monitored and reported', () => {
    const { network } = hostRoutedNetwork(101, { monitoring: {} });
    expect(Object.keys(network.monitoring!.loadBalancer5xxAlarms)).toEqual(['public-2']);
    const report = network.report();
    expect(report.loadBalancers.map(lb => [lb.name, lb.routes])).toEqual([['public', 90], ['public-2', 11]]);
    expect(report.loadBalancers[1].address).toMatch(/^DNSName of NetworkLoadBalancerPublic2[0-9A-F]+ in stack Stack$/);
    expect(report.cost.lines.find(l => l.item.startsWith('load balancer public IPv4'))!.quantity).toBe('2 x 2 x 730 h x $0.005');
  });
});
