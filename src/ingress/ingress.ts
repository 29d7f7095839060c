import { Annotations, NestedStack, Stack } from 'aws-cdk-lib';
import type * as acm from 'aws-cdk-lib/aws-certificatemanager';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as elbv2 from 'aws-cdk-lib/aws-elasticloadbalancingv2';
import type * as s3 from 'aws-cdk-lib/aws-s3';
import type { Construct } from 'constructs';
import { CertificatePacks, CertificateSource } from './certificates';
import { IngressLoadBalancer } from './ingress-load-balancer';
import { addAliasRecords, recordId } from './records';
import { validateIngressOptions, validateRouteHosts, zoneKindError, zoneKindPending, zoneNameOf } from './validate-ingress';
import { AWS_LIMITS, describeOverflow } from '../limits/aws-limits';
import type { NetworkLayout } from '../network/vpc';
import { invalidProp } from '../private/validation';
import { createAccessLogsBucket, createLoadBalancer } from '../routing/create-load-balancer';
import { accessKinds, IngressAccess } from '../routing/ingress-access';
import type { LoadBalancerOptions } from '../routing/load-balancer';
import { isCatchAll, Router } from '../routing/router';
import type { RoutingOptions } from '../routing/routing-options';

/** What the ingress is built from: the options of the network's two kinds of load balancer. */
export interface IngressProps {
  readonly layout: NetworkLayout;
  /** `loadBalancer`: the first load balancer, created with the network; internet-facing unless it says otherwise. */
  readonly loadBalancer: LoadBalancerOptions;
  /** `internalLoadBalancer`: the internal ones, when `loadBalancer` is internet-facing. */
  readonly internalLoadBalancer?: LoadBalancerOptions;
  /** Called for every load balancer created after the network's constructor (the first one, when eager, is not announced). */
  readonly onLoadBalancer: (loadBalancer: IngressLoadBalancer) => void;
}

/** One kind of load balancer, as configured. */
export interface IngressKind {
  readonly access: IngressAccess;
  /** The prop of its options, for messages: `loadBalancer` or `internalLoadBalancer`. */
  readonly prop: string;
  readonly options: LoadBalancerOptions;
  /** Where the network requests certificates for it, when it has no certificate of its own. */
  readonly certificates?: CertificateSource;
  readonly maxLoadBalancers: number;
}

/** Where a route goes on one kind of load balancer: an existing load balancer, or a new one. */
export interface RoutePlacement {
  readonly kind: IngressKind;
  readonly loadBalancer?: IngressLoadBalancer;
  /** What was placed, so that a route planned onto a new load balancer can be placed again once another route created one. */
  readonly serviceName: string;
  readonly prop: string;
  readonly routing: RoutingOptions;
}

/** The hosts a route claims for placement; routes without a host share one key. */
const ANY_HOST = '*any*';
/**
 * Target groups of each load balancer kept for more routes of the hosts it serves already: a new host
 * goes elsewhere once a load balancer carries 90 routes, so that a host on it can still grow by 10.
 */
export const HOST_HEADROOM = 10;

/**
 * The network's ingress: its load balancers of both kinds (internet-facing, internal), created as
 * routes need them, and where each route goes. A route's hosts stay on one load balancer of each kind,
 * because a host's DNS record points at one: a new host goes to the first load balancer of its kind
 * with room (fewer than 90 of its 100 target groups, and certificates within the listener quota), or
 * to a new one; the last 10 stay for more routes of the hosts a load balancer serves. Placement
 * follows declaration order, so adding a service never moves an existing one.
 */
export class Ingress {
  /** The security group every routed task carries: the destination of the load balancers' egress. */
  public readonly targets: ec2.SecurityGroup;
  /** The kind of a route that does not say (`routing.access`). */
  public readonly defaultAccess: IngressAccess;
  private readonly kinds = new Map<IngressAccess, IngressKind>();
  private readonly shards = new Map<IngressAccess, IngressLoadBalancer[]>();
  private readonly hostPlacement = new Map<string, IngressLoadBalancer>();
  private readonly packs = new Map<IngressLoadBalancer, CertificatePacks>();
  private readonly records = new Set<string>();
  private readonly buckets = new Map<IngressLoadBalancer, s3.IBucket>();
  private networkBucket?: s3.Bucket;
  private readonly order: IngressLoadBalancer[] = [];
  /** Whether the constructor has run: load balancers created later are announced through `onLoadBalancer`. */
  private readonly built: boolean;

  constructor(private readonly scope: Construct, private readonly props: IngressProps) {
    const primary = props.loadBalancer;
    const primaryEnabled = primary.enabled ?? true;
    const primaryAccess = (primary.internetFacing ?? true) ? IngressAccess.PUBLIC : IngressAccess.INTERNAL;
    validateIngressOptions(Stack.of(scope).region, primaryEnabled, primaryAccess, primary, props.internalLoadBalancer);

    const publicZoneCertificates = primaryEnabled && primaryAccess === IngressAccess.PUBLIC && !primary.certificate && primary.hostedZone
      ? new CertificateSource(primary.hostedZone, zoneNameOf('loadBalancer.hostedZone', primary.hostedZone))
      : undefined;
    if (primaryEnabled) {
      this.kinds.set(primaryAccess, this.kind(primaryAccess, 'loadBalancer', primary, publicZoneCertificates));
    }
    const internal = props.internalLoadBalancer;
    if (primaryAccess === IngressAccess.PUBLIC && (internal ? internal.enabled !== false : primaryEnabled)) {
      const options = internal ?? {};
      this.kinds.set(IngressAccess.INTERNAL, this.kind(IngressAccess.INTERNAL, 'internalLoadBalancer', options,
        options.certificate ? undefined : publicZoneCertificates));
    }
    this.defaultAccess = primaryEnabled ? primaryAccess : IngressAccess.INTERNAL;
    this.targets = new ec2.SecurityGroup(scope, 'LoadBalancerTargets', {
      vpc: props.layout.vpc,
      allowAllOutbound: false,
      description: 'Tasks behind the load balancer: the destination of its egress (each task admits it through its own group)',
    });
    // a plain HostedZone tells whether it is private only once every VPC is associated: again at synthesis
    for (const kind of this.kinds.values()) {
      const zone = kind.options.hostedZone;
      if (zone && zoneKindPending(zone)) {
        // by then a zone without a VPC is public
        scope.node.addValidation({
          validate: () => [zoneKindError(kind.prop, kind.access, zone, true)?.message].filter((m): m is string => m !== undefined),
        });
      }
      const extra = kind.options.additionalCertificates?.length ?? 0;
      if (extra > AWS_LIMITS.certificatesPerLoadBalancer.value) {
        Annotations.of(scope).addWarningV2('ecs-advanced-network:certificatesPerLoadBalancer', describeOverflow(
          { limit: AWS_LIMITS.certificatesPerLoadBalancer, where: `\`${kind.prop}.additionalCertificates\``, actual: extra },
          'Ask for the quota increase before deploying, or use certificates that cover more names each.'));
      }
    }
    // the first load balancer exists with the network, as it always has; the others when a route needs them
    if (primaryEnabled) this.createLoadBalancer(this.kinds.get(primaryAccess)!);
    this.built = true;
  }

  /** Every load balancer, in the order they were created. */
  public get loadBalancers(): IngressLoadBalancer[] {
    return [...this.order];
  }

  /** The load balancers of one kind, in the order they were created. */
  public loadBalancersOf(access: IngressAccess): IngressLoadBalancer[] {
    return [...(this.shards.get(access) ?? [])];
  }

  /** The access logs bucket of a load balancer, if its access logs are on. */
  public accessLogsBucketOf(loadBalancer: IngressLoadBalancer): s3.IBucket | undefined {
    return this.buckets.get(loadBalancer);
  }

  /**
   * Where the route of `serviceName` goes on each kind its access asks for. Throws, and changes
   * nothing, when a kind is missing, a host does not fit its zone or certificates, or the route cannot
   * be placed.
   */
  public plan(serviceName: string, prop: string, routing: RoutingOptions): RoutePlacement[] {
    return accessKinds(routing.access ?? this.defaultAccess).map(access => {
      const kind = this.requireKind(access, prop);
      validateRouteHosts(prop, routing, kind);
      return { kind, loadBalancer: this.choose(kind, serviceName, prop, routing), serviceName, prop, routing };
    });
  }

  /**
   * The first load balancer of a kind, created now when the network has none of it yet (for a
   * Network Load Balancer in front of it); throws when the kind is missing.
   */
  public firstOf(access: IngressAccess, prop: string): IngressLoadBalancer {
    if (access === IngressAccess.PUBLIC_AND_INTERNAL) {
      throw invalidProp(prop, 'must be one kind: `IngressAccess.PUBLIC` or `IngressAccess.INTERNAL`', access, 'Pick the kind of Application Load Balancer to forward to.');
    }
    const kind = this.requireKind(access, prop, '');
    return this.shards.get(access)?.[0] ?? this.createLoadBalancer(kind);
  }

  /** The load balancer of a placement: the planned one, or a new one created now. */
  public loadBalancerFor(placement: RoutePlacement): IngressLoadBalancer {
    // a route of the same service may have created a load balancer with room since the plan
    return placement.loadBalancer
      ?? this.choose(placement.kind, placement.serviceName, placement.prop, placement.routing)
      ?? this.createLoadBalancer(placement.kind);
  }

  /**
   * Publishes a placed route's hosts: binds them to its load balancer, adds the certificates of new
   * parent domains to its listener, and creates the alias records of hosts that have none yet (in
   * `scope`, the service that first routes the host).
   */
  public publish(scope: Construct, loadBalancer: IngressLoadBalancer, routing: RoutingOptions): void {
    const kind = this.kinds.get(loadBalancer.access)!;
    hostKeys(routing).forEach(key => this.hostPlacement.set(`${kind.access}|${key}`, loadBalancer));
    const hosts = (routing.hostHeaders ?? []).map(h => h.toLowerCase());
    hosts.forEach(h => loadBalancer._addHost(h));
    this.addCertificates(loadBalancer, hosts);
    const zone = kind.options.hostedZone;
    if (!zone) return;
    for (const host of hosts.filter(h => !this.records.has(`${kind.access}|${h}`))) {
      this.records.add(`${kind.access}|${host}`);
      addAliasRecords(scope, recordId(`${kind.access === IngressAccess.PUBLIC ? 'Public' : 'Internal'}Record`, host), zone, host, loadBalancer.loadBalancer);
    }
  }

  /** The construct ids of the target group and the rule of a route on `access`: the default kind keeps the plain ones. */
  public idsFor(access: IngressAccess): { targetGroup: string; rule: string } {
    if (access === this.defaultAccess) return { targetGroup: 'TargetGroup', rule: 'ListenerRule' };
    const prefix = access === IngressAccess.PUBLIC ? 'Public' : 'Internal';
    return { targetGroup: `${prefix}TargetGroup`, rule: `${prefix}ListenerRule` };
  }

  private kind(access: IngressAccess, prop: string, options: LoadBalancerOptions, certificates?: CertificateSource): IngressKind {
    return { access, prop, options, certificates, maxLoadBalancers: options.maxLoadBalancers ?? Infinity };
  }

  /** The kind `access` names, or an error on `<prop><suffix>` (the route's `.access`, by default). */
  private requireKind(access: IngressAccess, prop: string, suffix = '.access'): IngressKind {
    const kind = this.kinds.get(access);
    if (kind) return kind;
    if (access === IngressAccess.PUBLIC) {
      throw invalidProp(`${prop}${suffix}`, 'asks for the internet, but the network has no internet-facing load balancer ' +
        '(`loadBalancer.internetFacing` or `loadBalancer.enabled` is false)', access,
      'Route the service with `IngressAccess.INTERNAL`, or make `loadBalancer` internet-facing.');
    }
    throw invalidProp(`${prop}${suffix}`, 'asks for the VPC, but the network has no internal load balancer (`internalLoadBalancer.enabled` is false)', access,
      'Route the service with `IngressAccess.PUBLIC`, or enable `internalLoadBalancer`.');
  }

  /** The load balancer of `kind` a route goes to; undefined for a new one. Changes nothing. */
  private choose(kind: IngressKind, serviceName: string, prop: string, routing: RoutingOptions): IngressLoadBalancer | undefined {
    const keys = hostKeys(routing);
    const placed = [...new Set(keys.map(k => this.hostPlacement.get(`${kind.access}|${k}`)).filter((s): s is IngressLoadBalancer => s !== undefined))];
    if (placed.length > 1) {
      const where = placed.map(lb => `${lb.hosts.filter(h => keys.includes(h)).join(', ') || 'the routes without a host'} on \`${lb.name}\``).join('; ');
      throw invalidProp(`${prop}.hostHeaders`, `names hosts that earlier services placed on different load balancers (${where}), ` +
        'and one rule lives on one load balancer', routing.hostHeaders,
      'Route these hosts from separate services, one per load balancer.');
    }
    if (placed.length === 1) {
      const lb = placed[0];
      if (this.isFull(lb)) throw this.fullError(lb, prop, routing);
      lb._router.check(serviceName, prop, routing);
      return lb;
    }
    for (const lb of this.shards.get(kind.access) ?? []) {
      if (!this.hasRoomForNewHosts(lb) || !this.hasCertificateRoom(kind, lb, routing)) continue;
      lb._router.check(serviceName, prop, routing);
      return lb;
    }
    const count = this.shards.get(kind.access)?.length ?? 0;
    if (count >= kind.maxLoadBalancers) {
      throw invalidProp(`${kind.prop}.maxLoadBalancers`, `allows ${kind.maxLoadBalancers} load balancer(s) of this kind, and none has room for the new ` +
        `hosts of service \`${serviceName}\` (a load balancer holds ${AWS_LIMITS.targetGroupsPerLoadBalancer.value} target groups, a limit AWS cannot raise, ` +
        `and takes new hosts up to ${AWS_LIMITS.targetGroupsPerLoadBalancer.value - HOST_HEADROOM}, keeping the rest for the hosts it serves)`,
      kind.maxLoadBalancers, 'Raise `maxLoadBalancers`, or keep some services off the load balancers (no `routing`: declared calls still reach them).');
    }
    return undefined;
  }

  private isFull(lb: IngressLoadBalancer): boolean {
    return lb.routeCount >= AWS_LIMITS.targetGroupsPerLoadBalancer.value;
  }

  private hasRoomForNewHosts(lb: IngressLoadBalancer): boolean {
    return lb.routeCount < AWS_LIMITS.targetGroupsPerLoadBalancer.value - HOST_HEADROOM;
  }

  private fullError(lb: IngressLoadBalancer, prop: string, routing: RoutingOptions): Error {
    const limit = AWS_LIMITS.targetGroupsPerLoadBalancer;
    const hosts = routing.hostHeaders?.length ? `host ${routing.hostHeaders.join(', ')}` : 'no host header';
    return invalidProp(prop, `would add target group ${lb.routeCount + 1} to load balancer \`${lb.name}\`, over the ${limit.value} ${limit.what}, ` +
      `a limit AWS cannot raise; routes with ${hosts} stay on that load balancer, because their DNS name points at it`,
    `${lb.routeCount} routes on \`${lb.name}\``,
    routing.hostHeaders?.length
      ? 'Put the service under a host of its own (a new host goes to a load balancer with room), or merge routes of this host into fewer services.'
      : 'Give the service a host header (a new host goes to a load balancer with room), or merge path routes into fewer services.');
  }

  /** Whether a new group of hosts fits the SNI certificates of `lb` (requested certificates only). */
  private hasCertificateRoom(kind: IngressKind, lb: IngressLoadBalancer, routing: RoutingOptions): boolean {
    const packs = this.packs.get(lb);
    if (!packs) return true;
    const sni = packs.sniCountWith(routing.hostHeaders ?? []) + (kind.options.additionalCertificates?.length ?? 0);
    return sni <= AWS_LIMITS.certificatesPerLoadBalancer.value;
  }

  private addCertificates(lb: IngressLoadBalancer, hosts: string[]): void {
    const packs = this.packs.get(lb);
    if (!packs) return;
    packs.add(hosts);
    const limit = AWS_LIMITS.certificatesPerLoadBalancer;
    const sni = packs.certificates.length - 1;
    if (sni > limit.value) {
      Annotations.of(lb.loadBalancer).addWarningV2('ecs-advanced-network:certificatesPerLoadBalancer', describeOverflow(
        { limit, where: `Load balancer \`${lb.name}\``, actual: sni },
        'Ask for the quota increase before deploying, or route fewer hosts on this load balancer.'));
    }
  }

  private createLoadBalancer(kind: IngressKind): IngressLoadBalancer {
    const list = this.shards.get(kind.access) ?? [];
    this.shards.set(kind.access, list);
    const index = list.length + 1;
    const first = this.order.length === 0;
    const label = kind.access === IngressAccess.PUBLIC ? 'Public' : 'Internal';
    // the network's first load balancer keeps the construct ids it has always had (renaming replaces it);
    // the others get a suffix, in the network's scope too (`LoadBalancerInternal`, `LoadBalancerPublic2`)
    const scope = this.scope;
    const idSuffix = first ? '' : `${label}${index === 1 ? '' : index}`;
    const options = kind.options;
    const bucket = (options.accessLogs ?? true) ? options.accessLogsBucket ?? this.ownBucket() : undefined;
    // requested certificates: the first is the listener's default, the next ones are added by SNI as hosts fill them
    let onCertificate = (_scope: Construct, _certificate: acm.ICertificate, _index: number): void => {};
    const packs = options.certificate || !kind.certificates ? undefined
      : new CertificatePacks(scope, `Certificates${idSuffix}`, kind.certificates,
        () => new NestedStack(scope, `SniCertificates${idSuffix}`, { description: `ecs-advanced-network ${scope.node.path}: SNI certificates of load balancer ${kind.access.toLowerCase()}${index === 1 ? '' : `-${index}`}` }),
        (s, c, i) => onCertificate(s, c, i));
    const parts = createLoadBalancer(scope, this.props.layout, options, {
      internetFacing: kind.access === IngressAccess.PUBLIC,
      certificate: options.certificate ?? packs?.defaultCertificate,
      accessLogsBucket: bucket,
      accessLogsPrefix: first ? undefined : `${kind.access.toLowerCase()}${index === 1 ? '' : `-${index}`}`,
      idSuffix,
    });
    const certificates = [options.certificate ?? packs?.defaultCertificate, ...(options.additionalCertificates ?? [])]
      .filter((c): c is NonNullable<typeof c> => c !== undefined);
    const lb = IngressLoadBalancer._create({
      access: kind.access,
      index,
      loadBalancer: parts.loadBalancer,
      httpListener: parts.httpListener,
      httpsListener: parts.httpsListener,
      webAclAssociation: parts.webAclAssociation,
      router: new Router(parts.httpsListener ?? parts.httpListener, parts.loadBalancer, this.targets),
      certificates,
    });
    list.push(lb);
    this.order.push(lb);
    if (packs) {
      this.packs.set(lb, packs);
      onCertificate = (sniScope, certificate, n) => {
        new elbv2.ApplicationListenerCertificate(sniScope, `ListenerCertificate${n + 1}`, { listener: lb.routingListener, certificates: [certificate] });
        lb._addCertificate(certificate);
      };
    }
    if (bucket) this.buckets.set(lb, bucket);
    const all = this.order.length;
    const quota = AWS_LIMITS.loadBalancersPerRegion;
    if (all === quota.value + 1) {
      Annotations.of(this.scope).addWarningV2('ecs-advanced-network:loadBalancersPerRegion', describeOverflow(
        { limit: quota, where: 'The network', actual: all }, 'Ask for the quota increase before deploying (other load balancers of the account and region count too).'));
    }
    if (this.built) this.props.onLoadBalancer(lb);
    return lb;
  }

  /** The network's own access logs bucket, created once for all its load balancers. */
  private ownBucket(): s3.Bucket {
    this.networkBucket ??= createAccessLogsBucket(this.scope);
    return this.networkBucket;
  }
}

/** The placement keys of a route: its hosts in lower case, or one key for every route without a host. */
function hostKeys(routing: RoutingOptions): string[] {
  if (isCatchAll(routing) || !routing.hostHeaders?.length) return [ANY_HOST];
  return routing.hostHeaders.map(h => h.toLowerCase());
}
