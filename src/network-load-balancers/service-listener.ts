import { Duration } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import * as elbv2 from 'aws-cdk-lib/aws-elasticloadbalancingv2';
import type { Construct } from 'constructs';
import { acknowledgeNoCertificate, portsOf } from './create-network-load-balancer';
import { encryptionOf, listenerFlows } from './listener-flows';
import type { NetworkLoadBalancer, ServiceNetworkListener } from './network-load-balancer';
import type { NetworkListenerOptions } from './network-load-balancer-options';
import { FlowEndKind } from '../flows/flow';
import type { OpenedFlow } from '../flows/opened-flows';
import { securityGroupDescription } from '../private/aws-values/descriptions';
import { regionOfArn, requireSameRegion } from '../private/aws-values/regions';
import { invalidProp, requireIntegerInRange } from '../private/validation';
import { DEFAULT_SSL_POLICY } from '../routing/create-load-balancer';
import { validateSeconds } from '../routing/validate-routing';
import { NetworkAclTier } from '../segmentation/network-acl-options';
import type { RegisteringFargateService } from '../services/registering-service';

/** Listeners per Network Load Balancer, a quota AWS cannot raise. */
export const LISTENERS_PER_NETWORK_LOAD_BALANCER = 50;
/** Load balancer target groups per ECS service. */
export const TARGET_GROUPS_PER_SERVICE = 5;

/** A listener of a service with its Network Load Balancer resolved, checked and ready to be added. */
export interface PlannedListener {
  readonly options: NetworkListenerOptions;
  readonly prop: string;
  readonly nlb: NetworkLoadBalancer;
  readonly protocol: elbv2.Protocol;
  readonly targetPort: number;
}

/**
 * Checks the `networkListeners` of a service against the network's Network Load Balancers and the
 * listeners other services hold. Changes nothing.
 */
export function planNetworkListeners(serviceName: string, listeners: NetworkListenerOptions[], containerPort: number | undefined,
  nlbs: ReadonlyMap<string, NetworkLoadBalancer>, routedTargetGroups: number, ipv6Targets = false): PlannedListener[] {
  const earlier: PlannedListener[] = [];
  const planned = listeners.map((options, i) => {
    const prop = `${serviceName}.networkListeners[${i}]`;
    const nlb = nlbs.get(options.loadBalancer);
    if (!nlb) {
      throw invalidProp(`${prop}.loadBalancer`, `must name one of the network's \`networkLoadBalancers\` (${[...nlbs.keys()].join(', ') || 'none'})`,
        options.loadBalancer, 'Add the Network Load Balancer to `networkLoadBalancers`, or name one that exists.');
    }
    const protocol = options.protocol ?? elbv2.Protocol.TCP;
    requireOneOf(`${prop}.protocol`, protocol, LISTENER_PROTOCOLS, 'the protocols a Network Load Balancer listener forwards to a service');
    requireIntegerInRange(`${prop}.port`, options.port, 1, 65535);
    requireIntegerInRange(`${prop}.containerPort`, options.containerPort, 1, 65535);
    const targetPort = options.containerPort ?? containerPort;
    if (targetPort === undefined) {
      throw invalidProp(`${prop}.containerPort`, 'is required: the service has no `containerPort` to forward to', undefined,
        'Set the port the container listens on, here or as the service\'s `containerPort`.');
    }
    validateTls(prop, protocol, options, nlb);
    if (ipv6Targets && (protocol === elbv2.Protocol.UDP || protocol === elbv2.Protocol.TCP_UDP)) {
      throw invalidProp(`${prop}.protocol`, `cannot be ${protocol} for IPv6-only tasks: UDP to IPv6 targets needs a dual-stack load balancer with an IPv6 ` +
        'source NAT prefix in each subnet, which the network does not set up', protocol,
      'Use `ipStack: IpStack.dualStack()` for a UDP service, or a TCP or TLS listener.');
    }
    if (options.preserveClientIp === false && (protocol === elbv2.Protocol.UDP || protocol === elbv2.Protocol.TCP_UDP)) {
      throw invalidProp(`${prop}.preserveClientIp`, `cannot be false for ${protocol}: a Network Load Balancer always passes the client's address to UDP targets`,
        false, 'Leave `preserveClientIp` out (the task admits the load balancer\'s security group either way).');
    }
    validateHealthCheck(prop, options, protocol, targetPort);
    const listener = { options, prop, nlb, protocol, targetPort };
    requirePortFree(prop, serviceName, listener, earlier);
    earlier.push(listener);
    return listener;
  });
  for (const nlb of new Set(planned.map(p => p.nlb))) {
    const count = nlb.listeners.length + planned.filter(p => p.nlb === nlb).length;
    if (count > LISTENERS_PER_NETWORK_LOAD_BALANCER) {
      throw invalidProp(`${serviceName}.networkListeners`, `would give Network Load Balancer \`${nlb.name}\` ${count} listeners, over the ` +
        `${LISTENERS_PER_NETWORK_LOAD_BALANCER} per Network Load Balancer, a quota AWS cannot raise`, count,
      'Spread the listeners over more `networkLoadBalancers`.');
    }
  }
  if (routedTargetGroups + planned.length > TARGET_GROUPS_PER_SERVICE) {
    throw invalidProp(`${serviceName}.networkListeners`, `would register the service with ${routedTargetGroups + planned.length} target groups, ` +
      `over the ${TARGET_GROUPS_PER_SERVICE} load balancer target groups an ECS service takes`, planned.length,
    'Use fewer listeners for this service (a listener per port), or split the service.');
  }
  return planned;
}

/** The transports a listener protocol takes: TLS is TCP. */
function transportsOf(protocol: elbv2.Protocol): string[] {
  if (protocol === elbv2.Protocol.TCP_UDP) return ['TCP', 'UDP'];
  return [protocol === elbv2.Protocol.UDP ? 'UDP' : 'TCP'];
}

/**
 * Throws when the port of a listener is taken on its load balancer: a Network Load Balancer has one
 * listener per port, whatever its protocol (TCP and UDP on one port are one `TCP_UDP` listener, to one
 * target group), and `forwardToApplicationLoadBalancer` holds the port it forwards.
 */
function requirePortFree(prop: string, serviceName: string, listener: PlannedListener, earlier: PlannedListener[]): void {
  const { options, protocol, nlb } = listener;
  const taken = [
    ...nlb.listeners,
    ...earlier.filter(p => p.nlb === nlb).map(p => ({ port: p.options.port, target: serviceName, protocol: p.protocol, targetPort: p.targetPort })),
  ].find(l => l.port === options.port);
  if (!taken) return;
  const at = `is taken on Network Load Balancer \`${nlb.name}\``;
  if (taken.target.startsWith('application load balancer ')) {
    throw invalidProp(`${prop}.port`, `${at} by its \`forwardToApplicationLoadBalancer\` listener to the ${taken.target}`, options.port,
      'Give the listener another port, or route the service through the Application Load Balancer (`routing`) instead.');
  }
  const shared = transportsOf(taken.protocol).filter(t => transportsOf(protocol).includes(t));
  if (shared.length > 0) {
    throw invalidProp(`${prop}.port`, `${at} for ${shared.join(' and ')} by service \`${taken.target}\``, options.port,
      'Give each listener of a load balancer its own port.');
  }
  const mergeable = taken.target === serviceName && taken.targetPort === listener.targetPort
    && ![taken.protocol, protocol].includes(elbv2.Protocol.TLS);
  throw invalidProp(`${prop}.port`, `${at} for ${taken.protocol} by ${taken.target === serviceName ? 'another listener of service' : 'service'} ` +
    `\`${taken.target}\`: a Network Load Balancer has one listener per port, whatever its protocol`, options.port, mergeable
    ? `Use one listener with \`protocol: elbv2.Protocol.TCP_UDP\` for TCP and UDP on port ${options.port}.`
    : 'Give each listener of a load balancer its own port (one `elbv2.Protocol.TCP_UDP` listener takes TCP and UDP on a port, to one port of one service, without TLS).');
}

function validateTls(prop: string, protocol: elbv2.Protocol, options: NetworkListenerOptions, nlb: NetworkLoadBalancer): void {
  requireSameRegion(`${prop}.certificate`, regionOfArn(options.certificate?.certificateArn), nlb.loadBalancer,
    'Use an ACM certificate of the stack\'s region (a load balancer takes certificates of its own region only).');
  if (protocol === elbv2.Protocol.TLS && !options.certificate) {
    throw invalidProp(`${prop}.certificate`, 'is required for a TLS listener: the load balancer terminates TLS with it', undefined,
      'Give an ACM certificate of the stack\'s region, or use `elbv2.Protocol.TCP` to pass TLS through to the task.');
  }
  if (protocol !== elbv2.Protocol.TLS && (options.certificate || options.sslPolicy)) {
    const what = options.certificate ? 'certificate' : 'sslPolicy';
    throw invalidProp(`${prop}.${what}`, `only applies to a TLS listener, not ${protocol}` +
      (protocol === elbv2.Protocol.UDP || protocol === elbv2.Protocol.TCP_UDP ? ' (a Network Load Balancer does not terminate TLS over UDP)' : ''),
    protocol, 'Use `protocol: elbv2.Protocol.TLS`, or remove the TLS settings.');
  }
  if (options.tlsToTargets && protocol !== elbv2.Protocol.TLS) {
    throw invalidProp(`${prop}.tlsToTargets`, `only applies to a TLS listener, not ${protocol}: a ${protocol} listener passes the bytes through as they come`, true,
      'Use `protocol: elbv2.Protocol.TLS` with a `certificate`, or remove `tlsToTargets`.');
  }
}

/** What a Network Load Balancer listener of a service may be (`elbv2.Protocol` also names ALB and Gateway Load Balancer protocols). */
const LISTENER_PROTOCOLS = [elbv2.Protocol.TCP, elbv2.Protocol.UDP, elbv2.Protocol.TCP_UDP, elbv2.Protocol.TLS];
/** How a Network Load Balancer target group checks its targets. */
const HEALTH_CHECK_PROTOCOLS = [elbv2.Protocol.TCP, elbv2.Protocol.HTTP, elbv2.Protocol.HTTPS];

/** Refuses a protocol outside `allowed`, naming the ones that are. */
function requireOneOf(prop: string, protocol: elbv2.Protocol, allowed: elbv2.Protocol[], what: string): void {
  if (!allowed.includes(protocol)) {
    throw invalidProp(prop, `must be one of ${allowed.map(p => `\`elbv2.Protocol.${p}\``).join(', ')} (${what})`, protocol,
      'Choose one of those; an Application Load Balancer route goes in the service\'s `routing` instead.');
  }
}

function validateHealthCheck(listenerProp: string, options: NetworkListenerOptions, protocol: elbv2.Protocol, targetPort: number): void {
  const hc = options.healthCheck ?? {};
  const prop = `${listenerProp}.healthCheck`;
  if (protocol === elbv2.Protocol.UDP && hc.port === undefined) {
    throw invalidProp(`${prop}.port`, `is required for a UDP listener: the load balancer checks a UDP target over TCP, and a UDP task admits only UDP on port ${targetPort}`,
      undefined, 'Give the TCP port the task answers health checks on (for example `healthCheck: { port: 8080 }`), ' +
      `or use \`elbv2.Protocol.TCP_UDP\` when the task serves TCP on port ${targetPort} too.`);
  }
  requireIntegerInRange(`${prop}.port`, hc.port, 1, 65535);
  requireIntegerInRange(`${prop}.thresholdCount`, hc.thresholdCount, 2, 10);
  validateSeconds(`${prop}.interval`, hc.interval, 5, 300);
  validateSeconds(`${listenerProp}.deregistrationDelay`, options.deregistrationDelay, 0, 3600);
  if (hc.protocol !== undefined) requireOneOf(`${prop}.protocol`, hc.protocol, HEALTH_CHECK_PROTOCOLS, 'the health checks of a Network Load Balancer target group');
  if (hc.path !== undefined && (hc.protocol ?? elbv2.Protocol.TCP) === elbv2.Protocol.TCP) {
    throw invalidProp(`${prop}.path`, 'only applies to HTTP and HTTPS health checks', hc.path, 'Set `protocol: elbv2.Protocol.HTTP`, or remove `path`.');
  }
  if (hc.path !== undefined && !hc.path.startsWith('/')) {
    throw invalidProp(`${prop}.path`, 'must start with `/`', hc.path, 'Use a path such as `/health`.');
  }
}

/** What a service puts behind a Network Load Balancer. */
export interface ServiceListenerProps {
  readonly serviceName: string;
  readonly vpc: ec2.IVpc;
  readonly service: RegisteringFargateService;
  readonly container: ecs.ContainerDefinition;
  readonly securityGroup: ec2.ISecurityGroup;
  /** Whether the tasks are IPv6-only: their target groups are IPv6. */
  readonly ipv6Targets?: boolean;
  /** Opens the listener's flows: the lifecycle, where the capabilities derive their rules and entries (`ServiceLifecycle.open`). */
  readonly open: (flows: readonly OpenedFlow[]) => void;
}


/**
 * Adds a planned listener: the task's port mapping when it is new, the target group (IP targets),
 * the registration of the tasks, the listener, and the security-group rules: the clients to the
 * listener port (opened as flows, `listenerFlows`), the load balancer's group to the task port (and
 * health-check port) and back out.
 */
export function attachNetworkListener(scope: Construct, plan: PlannedListener, props: ServiceListenerProps): ServiceNetworkListener {
  const { options, nlb, protocol, targetPort } = plan;
  const transport = protocol === elbv2.Protocol.TLS ? elbv2.Protocol.TCP : protocol;
  ensurePortMappings(props.container, targetPort, transport);
  const hc = options.healthCheck ?? {};
  const hcProtocol = hc.protocol ?? elbv2.Protocol.TCP;
  const id = `Nlb-${nlb.name}-${options.port}-${protocol}`;
  const targetGroup = new elbv2.NetworkTargetGroup(scope, `${id}-TargetGroup`, {
    vpc: props.vpc,
    targetType: elbv2.TargetType.IP,
    ...(props.ipv6Targets ? { ipAddressType: elbv2.TargetGroupIpAddressType.IPV6 } : {}),
    port: targetPort,
    protocol: options.tlsToTargets ? elbv2.Protocol.TLS : elbv2.Protocol[transport],
    preserveClientIp: transport === elbv2.Protocol.TCP ? options.preserveClientIp ?? false : undefined,
    deregistrationDelay: options.deregistrationDelay ?? Duration.seconds(30),
    healthCheck: {
      enabled: true,
      protocol: elbv2.Protocol[hcProtocol],
      path: hcProtocol === elbv2.Protocol.TCP ? undefined : hc.path ?? '/',
      port: hc.port !== undefined ? String(hc.port) : undefined,
      interval: hc.interval ?? Duration.seconds(10),
      healthyThresholdCount: hc.thresholdCount ?? 2,
      unhealthyThresholdCount: hc.thresholdCount ?? 2,
    },
  });
  props.service.registerTargetGroup(targetGroup, props.serviceName, targetPort);
  const listener = new elbv2.NetworkListener(scope, `${id}-Listener`, {
    loadBalancer: nlb.loadBalancer,
    port: options.port,
    protocol: elbv2.Protocol[protocol],
    certificates: options.certificate ? [elbv2.ListenerCertificate.fromCertificateManager(options.certificate)] : undefined,
    sslPolicy: protocol === elbv2.Protocol.TLS ? options.sslPolicy ?? DEFAULT_SSL_POLICY : undefined,
    defaultTargetGroups: [targetGroup],
  });
  if (protocol !== elbv2.Protocol.TLS) {
    acknowledgeNoCertificate(listener, protocol === elbv2.Protocol.TCP
      ? 'A TCP listener passes the connection to the task unchanged and has no use for a certificate: the traffic is encrypted only if the ' +
        'application speaks TLS itself, which the load balancer cannot see (`elbv2.Protocol.TLS` terminates TLS at the load balancer with an ACM certificate).'
      : 'A UDP listener cannot carry a certificate (a Network Load Balancer terminates TLS over TCP only): the traffic is encrypted only if the ' +
        'application protocol encrypts it (DTLS, QUIC), which the load balancer cannot see.');
  }
  const taskPorts = [...portsOf(targetPort, transport), ...(hc.port !== undefined && hc.port !== targetPort ? [ec2.Port.tcp(hc.port)] : [])];
  for (const port of taskPorts) {
    props.securityGroup.addIngressRule(nlb.securityGroup, port, securityGroupDescription(`From the Network Load Balancer ${nlb.name} to ${props.serviceName}`));
    nlb.securityGroup.addEgressRule(props.securityGroup, port, securityGroupDescription(`To ${props.serviceName}`));
  }
  const summary = {
    port: options.port,
    protocol,
    target: props.serviceName,
    targetPort,
    preservesClientIp: transport !== elbv2.Protocol.TCP || (options.preserveClientIp ?? false),
    tlsToTarget: options.tlsToTargets ?? false,
  };
  nlb._addListener(summary);
  // the clients' flows: the load balancer's group, the network ACLs and EC23 are derived from them
  props.open(listenerFlows(nlb, summary, { construct: listener, prop: plan.prop }, encryptionOf(nlb, summary, false, plan.prop),
    { end: { kind: FlowEndKind.SERVICE, name: props.serviceName }, tier: NetworkAclTier.PRIVATE }));
  return { loadBalancer: nlb, port: options.port, protocol, listener, targetGroup };
}

/** Adds the container's port mapping for `port` over `transport`, unless it has it. */
function ensurePortMappings(container: ecs.ContainerDefinition, port: number, transport: elbv2.Protocol): void {
  const wanted = transport === elbv2.Protocol.TCP_UDP ? [ecs.Protocol.TCP, ecs.Protocol.UDP]
    : [transport === elbv2.Protocol.UDP ? ecs.Protocol.UDP : ecs.Protocol.TCP];
  for (const protocol of wanted) {
    const has = container.portMappings.some(m => m.containerPort === port && (m.protocol ?? ecs.Protocol.TCP) === protocol);
    if (!has) container.addPortMappings({ containerPort: port, protocol });
  }
}
