import { Template } from 'aws-cdk-lib/assertions';
import * as acm from 'aws-cdk-lib/aws-certificatemanager';
import { EcsAdvancedNetworkProps, IngressAccess, TaskEgress, ReachabilityKind } from '../../src';
import { egressRulesOf, groupIdOf, IMAGE, ingressRulesOf, logicalId, newNetwork, newStack } from '../helpers/network';

const CERT_ARN = 'arn:aws:acm:us-east-1:123456789012:certificate/abc';

/** `web` calls the internal load balancer; `admin` is routed on it; `callerFirst` adds `web` before `admin`. */
function build(options: { callerFirst?: boolean; props?: EcsAdvancedNetworkProps; certificate?: boolean } = {}) {
  const stack = newStack();
  const certificate = options.certificate ? acm.Certificate.fromCertificateArn(stack, 'C', CERT_ARN) : undefined;
  const internalLoadBalancer = certificate ? { certificate } : {};
  const { network } = newNetwork({ monitoring: { enabled: false }, internalLoadBalancer, ...options.props }, stack);
  const addCaller = () => network.addService('web', { image: IMAGE, containerPort: 80, callsInternalLoadBalancer: true });
  const addAdmin = () => network.addService('admin', { image: IMAGE, containerPort: 8080, routing: { pathPatterns: ['/admin/*'], access: IngressAccess.INTERNAL } });
  const [web, admin] = options.callerFirst ? [addCaller(), addAdmin()] : [addAdmin(), addCaller()].reverse();
  return { stack, network, web, admin, internal: network.loadBalancers.find(lb => lb.access === IngressAccess.INTERNAL)! };
}

describe('a service that calls the internal load balancer (`callsInternalLoadBalancer`)', () => {
  test('the load balancer admits the caller on 80, and the caller lets 80 out to it (the listener is plain HTTP without a certificate)', () => {
    const { stack, web, internal } = build();
    const template = Template.fromStack(stack);
    const lbGroup = internal.loadBalancer.connections.securityGroups[0];
    expect(ingressRulesOf(template, lbGroup).filter(r => r.SourceSecurityGroupId)).toEqual([expect.objectContaining({
      SourceSecurityGroupId: groupIdOf(web.securityGroup),
      IpProtocol: 'tcp',
      FromPort: 80,
      ToPort: 80,
      Description: 'From web to the internal load balancer internal: declared call',
    })]);
    expect(egressRulesOf(template, web.securityGroup).filter(r => r.DestinationSecurityGroupId)).toEqual([expect.objectContaining({
      DestinationSecurityGroupId: groupIdOf(lbGroup), FromPort: 80, ToPort: 80,
    })]);
  });

  test('the report lists the call, plaintext over HTTP', () => {
    const { network } = build();
    expect(network.report().reachability.filter(e => e.kind === ReachabilityKind.CALL)).toEqual([{
      kind: ReachabilityKind.CALL,
      source: 'web',
      destination: 'load balancer internal',
      port: 'TCP 80',
      detail: 'declared call (`callsInternalLoadBalancer`), HTTP listener',
      encrypted: false,
    }]);
    // the diagram ends the call at the load balancer's node, and the load balancer is not counted as a service
    const markdown = network.report().markdown;
    expect(markdown).toContain('  svc_web -->|"80"| alb_internal');
    expect(markdown).not.toContain('svc_load_balancer');
    expect(markdown).toContain('2 service(s)');
  });

  test('with a certificate the call is HTTPS on 443, and encrypted', () => {
    const { stack, network, web, internal } = build({ certificate: true });
    const template = Template.fromStack(stack);
    const lbGroup = internal.loadBalancer.connections.securityGroups[0];
    expect(ingressRulesOf(template, lbGroup).filter(r => r.SourceSecurityGroupId).map(r => [r.FromPort, r.ToPort])).toEqual([[443, 443]]);
    expect(egressRulesOf(template, web.securityGroup).filter(r => r.DestinationSecurityGroupId).map(r => r.FromPort)).toEqual([443]);
    expect(network.report().reachability.find(e => e.kind === ReachabilityKind.CALL)).toMatchObject({ port: 'TCP 443', encrypted: true });
  });

  test('the rules are the same whether the caller or the load balancer comes first', () => {
    const rulesOf = (callerFirst: boolean) => {
      const { stack, web } = build({ callerFirst });
      const template = Template.fromStack(stack);
      return [
        ...Object.keys(template.findResources('AWS::EC2::SecurityGroupIngress')).filter(id => id.startsWith('Networkweb')),
        ...Object.keys(template.findResources('AWS::EC2::SecurityGroupEgress')).filter(id => id.startsWith('Networkweb')),
        logicalId(web.securityGroup),
      ].sort();
    };
    expect(rulesOf(true)).toEqual(rulesOf(false));
    expect(rulesOf(true).some(id => id.includes('CallsLoadBalancerinternal'))).toBe(true);
  });

  test('without an internal load balancer the declaration is an error that says how to get one', () => {
    const { stack, network } = newNetwork({ monitoring: { enabled: false } });
    network.addService('web', { image: IMAGE, containerPort: 80, callsInternalLoadBalancer: true, routing: { pathPatterns: ['/*'] } });
    expect(() => Template.fromStack(stack)).toThrow('`web.callsInternalLoadBalancer` is true, but the network has no internal load balancer '
      + '(no route has `access: IngressAccess.INTERNAL`), got: true. Route a service with `routing.access: IngressAccess.INTERNAL`, or remove `callsInternalLoadBalancer`.');
  });

  test('under `encryptionInTransit.required` a call over plain HTTP is an error that names the internal certificate', () => {
    const { stack } = build({ props: { encryptionInTransit: { required: true }, loadBalancer: { enabled: false } } });
    expect(() => Template.fromStack(stack)).toThrow('`internalLoadBalancer.certificate` is missing, so service `web` calls load balancer `internal` over plain HTTP, '
      + 'which `encryptionInTransit.required` forbids, got: undefined. Give `internalLoadBalancer.certificate` for the internal load balancer\'s host names.');
    // the listener's own error names the internal load balancer's prop too, also when it is the network's only kind
    expect(() => Template.fromStack(stack)).toThrow('`internalLoadBalancer.certificate` is missing, so load balancer `internal` serves plain HTTP on port 80');
  });

  test('a caller without the declaration gets no rule to the load balancer', () => {
    const { stack, network } = newNetwork({ monitoring: { enabled: false } });
    network.addService('admin', { image: IMAGE, containerPort: 8080, routing: { pathPatterns: ['/admin/*'], access: IngressAccess.INTERNAL } });
    const other = network.addService('other', { image: IMAGE, containerPort: 80 });
    const template = Template.fromStack(stack);
    expect(egressRulesOf(template, other.securityGroup).filter(r => r.DestinationSecurityGroupId)).toEqual([]);
    expect(network.report().reachability.filter(e => e.kind === ReachabilityKind.CALL)).toEqual([]);
    // the internal load balancer admits the VPC on 80, and its row says the network's tasks need the declaration
    const row = network.report().reachability.find(e => e.kind === ReachabilityKind.INGRESS && e.destination.endsWith('internal') && e.port === 'TCP 80');
    expect(row?.detail).toMatch(/the network's tasks call it only with `callsInternalLoadBalancer` \(their egress lets 443 out\)/);
  });

  test('with every task allowed out (TaskEgress.allowAll()), the row makes no such claim', () => {
    const { network } = newNetwork({ monitoring: { enabled: false }, taskEgress: TaskEgress.allowAll() });
    network.addService('admin', { image: IMAGE, containerPort: 8080, routing: { pathPatterns: ['/admin/*'], access: IngressAccess.INTERNAL } });
    const rows = network.report().reachability.filter(e => e.kind === ReachabilityKind.INGRESS && e.destination.endsWith('internal'));
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.every(r => !r.detail.includes('callsInternalLoadBalancer'))).toBe(true);
  });
});
