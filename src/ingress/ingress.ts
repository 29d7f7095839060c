import { Annotations, NestedStack, Stack } from 'aws-cdk-lib';
import type * as acm from 'aws-cdk-lib/aws-certificatemanager';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as elbv2 from 'aws-cdk-lib/aws-elasticloadbalancingv2';
import type * as kms from 'aws-cdk-lib/aws-kms';
import type * as logs from 'aws-cdk-lib/aws-logs';
import type * as s3 from 'aws-cdk-lib/aws-s3';
import type { Construct } from 'constructs';
import { CertificatePacks, CertificateSource } from './certificates';
import { IngressLoadBalancer } from './ingress-load-balancer';
import { addAliasRecords, recordId } from './records';
import { validateIngressOptions, validateRouteHosts, zoneKindError, zoneKindPending, zoneNameOf } from './validate-ingress';
import { AWS_LIMITS, describeOverflow } from '../limits/aws-limits';
import type { NetworkLayout } from '../network/vpc';
import type { AssignmentBook, AssignmentTable } from '../private/assignments';
import { invalidProp } from '../private/validation';
import { createAccessLogsBucket, createLoadBalancer } from '../routing/create-load-balancer';
import { accessKinds, IngressAccess } from '../routing/ingress-access';
import { HostCertificates, type LoadBalancerOptions } from '../routing/load-balancer';
import { isCatchAll, Router } from '../routing/router';
import type { RoutingOptions } from '../routing/routing-options';
import { WebApplicationFirewall } from '../routing/web-application-firewall';

/** What the ingress is built from: the options of the network's two kinds of load balancer. */
export interface IngressProps {
  readonly layout: NetworkLayout;
  /** `loadBalancer`: the first load balancer, created with the network; internet-facing unless it says otherwise. */
  readonly loadBalancer: LoadBalancerOptions;
  /** `internalLoadBalancer`: the internal ones, when `loadBalancer` is internet-facing. */
  readonly internalLoadBalancer?: LoadBalancerOptions;
  /** The network's recorded choices (`assignmentsFile`). */
  readonly assignments: AssignmentBook;
  /** The key of the managed web ACLs' log groups (the network's logs key). */
  readonly logsEncryptionKey: kms.IKey;
  /** The retention of the managed web ACLs' logs when their options do not say (the network's `logRetention`). */
  readonly logRetention: logs.RetentionDays;
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
  /** The number of the load balancer among those of its kind (created when `loadBalancer` is undefined). */
  readonly index: number;
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
  private readonly firewalls = new Map<IngressAccess, WebApplicationFirewall>();
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
    if (primaryEnabled) this.createLoadBalancer(this.kinds.get(primaryAccess)!, 1);
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

  /** The managed web application firewall of a kind of load balancer, once a load balancer of the kind exists. */
  public firewallOf(access: IngressAccess): WebApplicationFirewall | undefined {
    return this.firewalls.get(access);
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
      return { kind, ...this.choose(kind, serviceName, prop, routing), serviceName, prop, routing };
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
    return this.shardAt(access, 1) ?? this.createLoadBalancer(kind, 1);
  }

  /** The load balancer of a placement: the planned one, or a new one created now. */
  public loadBalancerFor(placement: RoutePlacement): IngressLoadBalancer {
    // a route of the same service may have created the load balancer since the plan
    return placement.loadBalancer ?? this.shardAt(placement.kind.access, placement.index) ?? this.createLoadBalancer(placement.kind, placement.index);
  }

  /**
   * Publishes a placed route's hosts: binds them to its load balancer (and records where they are),
   * adds them to the certificates of its listener, and creates the alias records of hosts that have
   * none yet (in the load balancer's record stack).
   */
  public publish(loadBalancer: IngressLoadBalancer, routing: RoutingOptions): void {
    const kind = this.kinds.get(loadBalancer.access)!;
    const placements = this.placementTable(kind.access);
    hostKeys(routing).forEach(key => {
      this.hostPlacement.set(`${kind.access}|${key}`, loadBalancer);
      placements.set(key, loadBalancer.index);
    });
    const hosts = (routing.hostHeaders ?? []).map(h => h.toLowerCase());
    hosts.forEach(h => loadBalancer._addHost(h));
    this.addCertificates(loadBalancer, hosts);
    const zone = kind.options.hostedZone;
    if (!zone) return;
    // a host's record belongs to the host, not to the service that routes it first: in a stack of the
    // load balancer's own, so that removing one of two services of a host leaves the record as it is
    for (const host of hosts.filter(h => !this.records.has(`${kind.access}|${h}`))) {
      this.records.add(`${kind.access}|${host}`);
      addAliasRecords(this.recordScope(loadBalancer), recordId(`${kind.access === IngressAccess.PUBLIC ? 'Public' : 'Internal'}Record`, host), zone, host, loadBalancer.loadBalancer);
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

  /**
   * The load balancer of `kind` a route goes to: where its hosts are (placed by an earlier route, or
   * recorded in the network's `assignmentsFile`), else, for new hosts, the first load balancer with
   * room: without a file, the first of the kind only (a choice that depends on the other services would
   * move hosts when they change). `loadBalancer` is undefined for one not created yet. Changes nothing.
   */
  private choose(kind: IngressKind, serviceName: string, prop: string, routing: RoutingOptions): Pick<RoutePlacement, 'loadBalancer' | 'index'> {
    const keys = hostKeys(routing);
    const recorded = this.placementTable(kind.access);
    const indices = new Set<number>();
    for (const key of keys) {
      const placed = this.hostPlacement.get(`${kind.access}|${key}`)?.index ?? recorded.get(key);
      if (placed !== undefined) indices.add(placed);
    }
    if (indices.size > 1) {
      const where = [...indices].sort().map(i => `${keys.filter(k => (this.hostPlacement.get(`${kind.access}|${k}`)?.index ?? recorded.get(k)) === i)
        .map(k => k === ANY_HOST ? 'the routes without a host' : k).join(', ')} on \`${shardName(kind.access, i)}\``).join('; ');
      throw invalidProp(`${prop}.hostHeaders`, `names hosts that earlier services placed on different load balancers (${where}), ` +
        'and one rule lives on one load balancer', routing.hostHeaders,
      'Route these hosts from separate services, one per load balancer.');
    }
    if (indices.size === 1) {
      const index = [...indices][0];
      const lb = this.shardAt(kind.access, index);
      if (!lb) return { index: this.withinMax(kind, serviceName, index) };
      if (this.isFull(lb)) throw this.fullError(lb, prop, routing);
      lb._router.check(serviceName, prop, routing, this.idsFor(kind.access).rule);
      return { loadBalancer: lb, index };
    }
    const last = this.props.assignments.records ? Math.min(kind.maxLoadBalancers, this.highestIndex(kind.access) + 1) : 1;
    for (let index = 1; index <= last; index++) {
      const lb = this.shardAt(kind.access, index);
      if (!lb) {
        const pending = this.pendingHosts(kind.access, index);
        const routesRoom = pending < AWS_LIMITS.targetGroupsPerLoadBalancer.value - HOST_HEADROOM;
        if (routesRoom && this.hasCertificateRoomOnNew(kind, pending, routing)) return { index };
        continue;
      }
      // without a file, new hosts stay on the first load balancer: full certificates are a warning that names the quota
      if (!this.hasRoomForNewHosts(lb) || (this.props.assignments.records && !this.hasCertificateRoom(kind, lb, routing))) continue;
      lb._router.check(serviceName, prop, routing, this.idsFor(kind.access).rule);
      return { loadBalancer: lb, index };
    }
    const first = this.shardAt(kind.access, 1)!;
    if (!this.props.assignments.records) {
      throw invalidProp(prop, `would add new hosts to load balancer \`${first.name}\`, which takes new hosts up to ` +
        `${AWS_LIMITS.targetGroupsPerLoadBalancer.value - HOST_HEADROOM} routes of its ${AWS_LIMITS.targetGroupsPerLoadBalancer.value} target groups ` +
        '(a limit AWS cannot raise; the rest stays for more routes of the hosts it serves)', `${first.routeCount} routes on \`${first.name}\``,
      'Set the network\'s `assignmentsFile`: new hosts then go to a new load balancer, and the file keeps which load balancer each host is on, ' +
        'so that no later edit moves a host (its DNS record points at one load balancer, and a target group cannot move between load balancers).');
    }
    throw invalidProp(`${kind.prop}.maxLoadBalancers`, `allows ${kind.maxLoadBalancers} load balancer(s) of this kind, and none has room for the new ` +
      `hosts of service \`${serviceName}\` (a load balancer holds ${AWS_LIMITS.targetGroupsPerLoadBalancer.value} target groups, a limit AWS cannot raise, ` +
      `and takes new hosts up to ${AWS_LIMITS.targetGroupsPerLoadBalancer.value - HOST_HEADROOM}, keeping the rest for the hosts it serves)`,
    kind.maxLoadBalancers, 'Raise `maxLoadBalancers`, or keep some services off the load balancers (no `routing`: declared calls still reach them).');
  }

  /** `index` when the kind allows that many load balancers; else an error (a recorded placement past a lowered `maxLoadBalancers`). */
  private withinMax(kind: IngressKind, serviceName: string, index: number): number {
    if (index <= kind.maxLoadBalancers) return index;
    throw invalidProp(`${kind.prop}.maxLoadBalancers`, `allows ${kind.maxLoadBalancers} load balancer(s) of this kind, and the network's \`assignmentsFile\` ` +
      `places the hosts of service \`${serviceName}\` on load balancer ${index}`, kind.maxLoadBalancers, `Raise \`maxLoadBalancers\` to at least ${index}.`);
  }

  /** The load balancer of `access` with number `index`, if created. */
  private shardAt(access: IngressAccess, index: number): IngressLoadBalancer | undefined {
    return this.shards.get(access)?.find(lb => lb.index === index);
  }

  /** The highest number of a load balancer of `access`, created or recorded. */
  private highestIndex(access: IngressAccess): number {
    return Math.max(0, ...(this.shards.get(access) ?? []).map(lb => lb.index), ...this.placementTable(access).values());
  }

  /** Hosts recorded on load balancer `index` that no route placed yet: room a later service needs. */
  private pendingHosts(access: IngressAccess, index: number): number {
    return this.placementTable(access).entries().filter(([key, i]) => i === index && !this.hostPlacement.has(`${access}|${key}`)).length;
  }

  /** Where the hosts of `access` are, as recorded in the network's `assignmentsFile`. */
  private placementTable(access: IngressAccess): AssignmentTable {
    return this.props.assignments.table(`loadBalancers/${access.toLowerCase()}`);
  }

  /**
   * Where a load balancer's DNS records go: the first load balancer's beside it in the network's stack
   * (at most about 100 hosts, as its default certificate is); every other one's in a nested stack of
   * its own, created with its first record, so that hundreds of hosts do not fill the network's stack.
   */
  private recordScope(lb: IngressLoadBalancer): Construct {
    const suffix = this.idSuffix(lb.access, lb.index);
    if (suffix === '') return this.scope;
    const id = `Records${suffix}`;
    return (this.scope.node.tryFindChild(id) as Construct | undefined) ?? new NestedStack(this.scope, id, {
      description: `ecs-advanced-network ${this.scope.node.path}: DNS records of the hosts of load balancer ${lb.name}`,
    });
  }

  private isFull(lb: IngressLoadBalancer): boolean {
    return lb.routeCount >= AWS_LIMITS.targetGroupsPerLoadBalancer.value;
  }

  private hasRoomForNewHosts(lb: IngressLoadBalancer): boolean {
    return lb.routeCount + this.pendingHosts(lb.access, lb.index) < AWS_LIMITS.targetGroupsPerLoadBalancer.value - HOST_HEADROOM;
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

  /**
   * Whether a new group of hosts fits the certificates of `lb` (requested certificates only), beside
   * the hosts the file records on it that no route placed yet: the SNI
   * ones and `additionalCertificates` within the listener's quota, and shared ones within 20
   * certificates of 10 names.
   */
  private hasCertificateRoom(kind: IngressKind, lb: IngressLoadBalancer, routing: RoutingOptions): boolean {
    const extraSni = kind.options.additionalCertificates?.length ?? 0;
    return this.packs.get(lb)?.fits(routing.hostHeaders ?? [], extraSni, this.pendingHosts(lb.access, lb.index)) ?? true;
  }

  /** Whether a load balancer not created yet, with `pending` recorded hosts, has certificates by SNI for the route's hosts. */
  private hasCertificateRoomOnNew(kind: IngressKind, pending: number, routing: RoutingOptions): boolean {
    if (!kind.certificates || kind.options.certificate || kind.options.hostCertificates === HostCertificates.SHARED) return true;
    const wanted = pending + new Set(routing.hostHeaders ?? []).size + (kind.options.additionalCertificates?.length ?? 0);
    return wanted <= AWS_LIMITS.certificatesPerLoadBalancer.value;
  }

  private addCertificates(lb: IngressLoadBalancer, hosts: string[]): void {
    const packs = this.packs.get(lb);
    if (!packs) return;
    const overfull = packs.overfull.size;
    packs.add(hosts);
    if (packs.overfull.size > overfull) {
      Annotations.of(lb.loadBalancer).addWarningV2('ecs-advanced-network:namesPerCertificate', describeOverflow(
        { limit: AWS_LIMITS.namesPerCertificate, where: `A certificate of load balancer \`${lb.name}\``, actual: Math.max(...packs.namesPerCertificate()) },
        'Ask for the quota increase before deploying, or set the network\'s `assignmentsFile`: a host of a full certificate then goes to the next one with room.'));
    }
    const limit = AWS_LIMITS.certificatesPerLoadBalancer;
    const sni = packs.certificates.length - 1;
    if (sni > limit.value) {
      Annotations.of(lb.loadBalancer).addWarningV2('ecs-advanced-network:certificatesPerLoadBalancer', describeOverflow(
        { limit, where: `Load balancer \`${lb.name}\``, actual: sni },
        'Ask for the quota increase before deploying, or route fewer hosts on this load balancer.'));
    }
  }

  private createLoadBalancer(kind: IngressKind, index: number): IngressLoadBalancer {
    const list = this.shards.get(kind.access) ?? [];
    this.shards.set(kind.access, list);
    const idSuffix = this.idSuffix(kind.access, index);
    const first = idSuffix === '';
    const scope = this.scope;
    const options = kind.options;
    const bucket = (options.accessLogs ?? true) ? options.accessLogsBucket ?? this.ownBucket() : undefined;
    // requested certificates: the first is the listener's default, the next ones are added by SNI as hosts fill them
    let onCertificate = (_scope: Construct, _certificate: acm.ICertificate, _idSuffix: string): void => {};
    const packs = options.certificate || !kind.certificates ? undefined
      : new CertificatePacks(scope, `Certificates${idSuffix}`, kind.certificates,
        () => new NestedStack(scope, `SniCertificates${idSuffix}`, { description: `ecs-advanced-network ${scope.node.path}: SNI certificates of load balancer ${kind.access.toLowerCase()}${index === 1 ? '' : `-${index}`}` }),
        (s, c, i) => onCertificate(s, c, i),
        { table: this.props.assignments.table(`certificates/${kind.access.toLowerCase()}${index === 1 ? '' : `-${index}`}`), records: this.props.assignments.records },
        options.hostCertificates);
    const parts = createLoadBalancer(scope, this.props.layout, options, {
      internetFacing: kind.access === IngressAccess.PUBLIC,
      certificate: options.certificate ?? packs?.defaultCertificate,
      accessLogsBucket: bucket,
      accessLogsPrefix: first ? undefined : `${kind.access.toLowerCase()}${index === 1 ? '' : `-${index}`}`,
      idSuffix,
      managedWebAclArn: this.firewallFor(kind)?.webAcl.attrArn,
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
      webApplicationFirewall: this.firewalls.get(kind.access),
      router: new Router(parts.httpsListener ?? parts.httpListener, parts.loadBalancer, this.targets, {
        table: this.props.assignments.table(`priorities/${parts.loadBalancer.node.id}`),
        records: this.props.assignments.records,
      }),
      certificates,
      peers: parts.peers,
      prop: kind.prop,
    });
    list.push(lb);
    this.order.push(lb);
    if (packs) {
      this.packs.set(lb, packs);
      onCertificate = (sniScope, certificate, certificateId) => {
        new elbv2.ApplicationListenerCertificate(sniScope, `ListenerCertificate${certificateId}`, { listener: lb.routingListener, certificates: [certificate] });
        lb._addCertificate(certificate);
      };
    }
    list.sort((x, y) => x.index - y.index);
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

  /**
   * The suffix of the construct ids of load balancer `index` of `access`: none for the first of the
   * default kind (the ids it has always had: renaming replaces it), else the kind and the number
   * (`LoadBalancerInternal`, `LoadBalancerPublic2`). A function of the two alone, never of the order
   * in which load balancers were created.
   */
  private idSuffix(access: IngressAccess, index: number): string {
    if (access === this.defaultAccess && index === 1) return '';
    return `${access === IngressAccess.PUBLIC ? 'Public' : 'Internal'}${index === 1 ? '' : index}`;
  }

  /**
   * The managed web application firewall of a kind, created with its first load balancer (a web ACL
   * is billed whether or not it protects anything) and shared by the kind's later ones. Its ids follow
   * those of the kind's first load balancer: `WebApplicationFirewall` for the default kind,
   * `WebApplicationFirewallInternal` or `WebApplicationFirewallPublic` for the other.
   */
  private firewallFor(kind: IngressKind): WebApplicationFirewall | undefined {
    const options = kind.options.webApplicationFirewall;
    if (!options) return undefined;
    let firewall = this.firewalls.get(kind.access);
    if (!firewall) {
      firewall = new WebApplicationFirewall(this.scope, `WebApplicationFirewall${this.idSuffix(kind.access, 1)}`, {
        ...options,
        encryptionKey: this.props.logsEncryptionKey,
        defaultLogRetention: this.props.logRetention,
      });
      this.firewalls.set(kind.access, firewall);
    }
    return firewall;
  }

  /** The network's own access logs bucket, created once for all its load balancers. */
  private ownBucket(): s3.Bucket {
    this.networkBucket ??= createAccessLogsBucket(this.scope);
    return this.networkBucket;
  }
}

/** The placement keys of a route: its hosts in lower case, or one key for every route without a host. */
/** The name of load balancer `index` of `access`, as `IngressLoadBalancer.name` gives it. */
function shardName(access: IngressAccess, index: number): string {
  return index === 1 ? access.toLowerCase() : `${access.toLowerCase()}-${index}`;
}

function hostKeys(routing: RoutingOptions): string[] {
  if (isCatchAll(routing) || !routing.hostHeaders?.length) return [ANY_HOST];
  return routing.hostHeaders.map(h => h.toLowerCase());
}
