import { Template } from 'aws-cdk-lib/assertions';
import * as acm from 'aws-cdk-lib/aws-certificatemanager';
import * as elbv2 from 'aws-cdk-lib/aws-elasticloadbalancingv2';
import { Discovery, EcsAdvancedNetworkProps, IngressAccess, ReachabilityKind } from '../../src';
import { IMAGE, newNetwork, newStack, propsOf } from '../helpers/network';

const CERT_ARN = 'arn:aws:acm:us-east-1:123456789012:certificate/abc';
const HTTPS = elbv2.ApplicationProtocol.HTTPS;

function encrypted(extra: Partial<EcsAdvancedNetworkProps> = {}, withCertificate = true) {
  const stack = newStack();
  const certificate = acm.Certificate.fromCertificateArn(stack, 'C', CERT_ARN);
  const { network } = newNetwork({
    encryptionInTransit: { required: true },
    loadBalancer: withCertificate ? { certificate } : {},
    ...extra,
  }, stack);
  return { stack, network, certificate };
}

describe('encryptionInTransit.required', () => {
  test('HTTPS at the edge, HTTPS to the tasks and Service Connect TLS synthesize, and every service path is encrypted', () => {
    const { stack, network } = encrypted();
    network.addService('orders', { image: IMAGE, containerPort: 8443 });
    network.addService('api', { image: IMAGE, containerPort: 8443, routing: { pathPatterns: ['/*'], protocol: HTTPS }, connectsTo: ['orders'] });
    Template.fromStack(stack);
    const r = network.report();
    expect(network.encryptionInTransitRequired).toBe(true);
    expect(r.reachability.filter(e => e.kind === ReachabilityKind.ROUTE || e.kind === ReachabilityKind.CALL).every(e => e.encrypted)).toBe(true);
    expect(r.reachability.find(e => e.kind === ReachabilityKind.INGRESS && e.port === 'TCP 443')!.encrypted).toBe(true);
    expect(r.reachability.find(e => e.kind === ReachabilityKind.INGRESS && e.port === 'TCP 80')).toMatchObject({ encrypted: false, detail: 'HTTP listener, redirects to HTTPS' });
    expect(r.markdown).toContain('| route | load balancer | api | TCP 8443 | yes |');
    expect(r.markdown).toContain('svc_api ==>|"TLS 8443"| svc_orders');
    expect(JSON.parse(r.json).reachability.find((e: any) => e.kind === 'call').encrypted).toBe(true);
  });

  test('a call to a Cloud Map service is an error that names the call', () => {
    const { stack, network } = encrypted();
    network.addService('orders', { image: IMAGE, containerPort: 8443, discovery: Discovery.cloudMap() });
    network.addService('api', { image: IMAGE, containerPort: 8443, connectsTo: ['orders'] });
    expect(() => Template.fromStack(stack)).toThrow(
      '`api.connectsTo` calls `orders`, which is discovered through Cloud Map: the call goes to the task directly and the network does not encrypt it, ' +
      'which `encryptionInTransit.required` forbids, got: "orders". Use `discovery: Discovery.serviceConnect()` for `orders` (its endpoint then uses Service Connect TLS).');
  });

  test('a load balancer without a certificate is an error', () => {
    const { stack } = encrypted({}, false);
    expect(() => Template.fromStack(stack)).toThrow(
      '`loadBalancer.certificate` is missing, so load balancer `public` serves plain HTTP on port 80, which `encryptionInTransit.required` forbids, got: undefined. ' +
      'Give `loadBalancer.certificate` (or a public `hostedZone`): port 80 then only redirects to HTTPS.');
  });

  test('an HTTP target group is an error', () => {
    const { stack, network } = encrypted();
    network.addService('web', { image: IMAGE, containerPort: 8080, routing: { pathPatterns: ['/*'] } });
    expect(() => Template.fromStack(stack)).toThrow(
      '`web.routing.protocol` is HTTP: the load balancer sends plain HTTP to the tasks, which `encryptionInTransit.required` forbids, got: "HTTP". ' +
      'Serve TLS on the container port and set `protocol: elbv2.ApplicationProtocol.HTTPS` (the health check follows).');
  });

  test('an HTTP target group of a named port is an error', () => {
    const { stack, network } = encrypted();
    network.addService('web', {
      image: IMAGE,
      containerPort: 8443,
      routing: { pathPatterns: ['/*'], protocol: HTTPS },
      additionalPorts: [{ name: 'admin', containerPort: 9090, routing: { pathPatterns: ['/admin/*'] } }],
    });
    expect(() => Template.fromStack(stack)).toThrow('`web.additionalPorts[0].routing.protocol` is HTTP');
  });

  test('a Service Connect endpoint without TLS is an error', () => {
    const { stack, network } = encrypted();
    network.addService('orders', { image: IMAGE, containerPort: 8080, serviceConnectTls: false });
    expect(() => Template.fromStack(stack)).toThrow(
      '`orders.serviceConnectTls` is false: its Service Connect endpoint is plaintext, which `encryptionInTransit.required` forbids, got: false. ' +
      'Remove `serviceConnectTls: false` (the network\'s default is TLS when `required` is on).');
  });

  test('a TCP listener of a Network Load Balancer is an error', () => {
    const { stack, network } = encrypted({ networkLoadBalancers: [{ name: 'edge' }] });
    network.addService('mqtt', { image: IMAGE, containerPort: 1883, networkListeners: [{ loadBalancer: 'edge', port: 1883 }] });
    expect(() => Template.fromStack(stack)).toThrow(
      '`mqtt.networkListeners[0].protocol` is TCP: listener 1883 of Network Load Balancer `edge` takes plaintext, which `encryptionInTransit.required` forbids, got: "TCP". ' +
      'Use `elbv2.Protocol.TLS` with a `certificate` (and `tlsToTargets: true`); UDP cannot be encrypted by the load balancer.');
  });

  test('a TLS listener with a plain TCP target is an error', () => {
    const { stack, network, certificate } = encrypted({ networkLoadBalancers: [{ name: 'edge' }] });
    network.addService('mqtt', { image: IMAGE, containerPort: 8883, networkListeners: [{ loadBalancer: 'edge', port: 8883, protocol: elbv2.Protocol.TLS, certificate }] });
    expect(() => Template.fromStack(stack)).toThrow(
      '`mqtt.networkListeners[0].tlsToTargets` is false: listener 8883 of Network Load Balancer `edge` sends plain TCP to the tasks, which `encryptionInTransit.required` forbids, got: false.');
  });

  test('a TLS listener with TLS targets passes, and its target group is TLS', () => {
    const { stack, network, certificate } = encrypted({ networkLoadBalancers: [{ name: 'edge' }] });
    const mqtt = network.addService('mqtt', {
      image: IMAGE, containerPort: 8883, networkListeners: [{ loadBalancer: 'edge', port: 8883, protocol: elbv2.Protocol.TLS, certificate, tlsToTargets: true }],
    });
    const t = Template.fromStack(stack);
    expect(propsOf(t, mqtt.networkListeners[0].targetGroup)).toMatchObject({ Protocol: 'TLS', Port: 8883 });
    const route = network.report().reachability.find(e => e.kind === ReachabilityKind.ROUTE && e.destination === 'mqtt')!;
    expect(route).toMatchObject({ encrypted: true, detail: 'TLS 8883 (TLS again to the task)' });
  });

  test('a Network Load Balancer in front of an HTTPS load balancer passes', () => {
    const { stack, network } = encrypted({ networkLoadBalancers: [{ name: 'fixed', forwardToApplicationLoadBalancer: IngressAccess.PUBLIC }] });
    Template.fromStack(stack);
    // TLS passes through on 443; port 80 carries the redirect only, in plaintext
    const reachability = network.report().reachability.filter(e => e.source === 'network load balancer fixed' || e.destination === 'network load balancer fixed');
    expect(reachability.filter(e => e.port.endsWith(' 443')).every(e => e.encrypted)).toBe(true);
    expect(reachability.filter(e => e.port.endsWith(' 80')).every(e => !e.encrypted)).toBe(true);
  });

  test('a Network Load Balancer in front of a plain HTTP load balancer is an error that names it by its place in `networkLoadBalancers`', () => {
    const { stack } = encrypted({
      networkLoadBalancers: [{ name: 'inside', internetFacing: false }, { name: 'fixed', forwardToApplicationLoadBalancer: IngressAccess.PUBLIC }],
    }, false);
    expect(() => Template.fromStack(stack)).toThrow('`networkLoadBalancers[1].forwardToApplicationLoadBalancer` forwards TCP 80 to application load balancer public, ' +
      'which serves plain HTTP, which `encryptionInTransit.required` forbids');
  });

  test('every plaintext edge is reported at once', () => {
    const { stack, network } = encrypted({}, false);
    network.addService('web', { image: IMAGE, containerPort: 8080, routing: { pathPatterns: ['/*'] }, serviceConnectTls: false });
    let message = '';
    try {
      Template.fromStack(stack);
    } catch (e) {
      message = (e as Error).message;
    }
    expect(message).toContain('`loadBalancer.certificate` is missing');
    expect(message).toContain('`web.routing.protocol` is HTTP');
    expect(message).toContain('`web.serviceConnectTls` is false');
  });
});

describe('Network Load Balancer TLS targets', () => {
  test('off by default: a TLS listener sends TCP to the task', () => {
    const stack = newStack();
    const certificate = acm.Certificate.fromCertificateArn(stack, 'C', CERT_ARN);
    const { network } = newNetwork({ networkLoadBalancers: [{ name: 'edge' }] }, stack);
    const mqtt = network.addService('mqtt', { image: IMAGE, containerPort: 8883, networkListeners: [{ loadBalancer: 'edge', port: 8883, protocol: elbv2.Protocol.TLS, certificate }] });
    expect(propsOf(Template.fromStack(stack), mqtt.networkListeners[0].targetGroup).Protocol).toBe('TCP');
  });

  test('tlsToTargets on a TCP listener is an error', () => {
    const { network } = newNetwork({ networkLoadBalancers: [{ name: 'edge' }] });
    expect(() => network.addService('mqtt', { image: IMAGE, containerPort: 1883, networkListeners: [{ loadBalancer: 'edge', port: 1883, tlsToTargets: true }] })).toThrow(
      '`mqtt.networkListeners[0].tlsToTargets` only applies to a TLS listener, not TCP: a TCP listener passes the bytes through as they come, got: true. ' +
      'Use `protocol: elbv2.Protocol.TLS` with a `certificate`, or remove `tlsToTargets`.');
  });
});
