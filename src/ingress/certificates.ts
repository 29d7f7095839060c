import { Lazy } from 'aws-cdk-lib';
import * as acm from 'aws-cdk-lib/aws-certificatemanager';
import type * as route53 from 'aws-cdk-lib/aws-route53';
import { Construct } from 'constructs';
import { AWS_LIMITS } from '../limits/aws-limits';
import type { AssignmentTable } from '../private/assignments';
import { AssignmentBook } from '../private/assignments';
import { fitsCertificateFirstName, requireCertificateFirstName } from '../private/aws-values/dns-names';
import { stableHash } from '../private/stable-hash';
import { HostCertificates } from '../routing/load-balancer';

/** Where the network requests certificates: a public hosted zone, in which ACM validates the names. */
export class CertificateSource {
  /** `prop` names the zone's prop: the zone's name is the first name of the first certificate, 64 characters at most (ACM). */
  constructor(public readonly zone: route53.IHostedZone, public readonly zoneName: string, prop = 'loadBalancer.hostedZone') {
    requireCertificateFirstName(prop, zoneName, 'Give a shorter zone, or a `certificate` of your own (its first name may be a shorter one of the zone).');
  }

  /** Whether `host` lies in the zone (is the zone's name or a subdomain of it). */
  public covers(host: string): boolean {
    return inZone(host, this.zoneName);
  }
}

/** How many certificates a load balancer's hosts are spread over when they share them: the default one and 19 by SNI (the quota is 25). */
export const CERTIFICATE_BUCKETS = 20;

/**
 * The certificates one load balancer's HTTPS listener gets from ACM, validated through DNS in the
 * public zone. They name hosts exactly (no wildcard unless a route's host is one), and a host's
 * certificate depends on the host alone, as `HostCertificates` says:
 * - `PER_HOST`: the zone's certificate is the listener's default, and each host gets one of its own,
 *   added by SNI. Adding or removing a host creates or deletes its certificate, nothing else.
 * - `SHARED`: a hash of the host picks one of 20 buckets of up to 10 names (ACM's default quota of
 *   names per certificate). The first bucket's certificate also names the zone and is the listener's
 *   default; the others are added by SNI when their first host comes. Adding or removing a host
 *   re-issues the one certificate of its bucket (CloudFormation requests the new one, validates it,
 *   swaps it on the listener, then deletes the old one, so its other hosts keep serving). A bucket with
 *   10 names is full: with the network's `assignmentsFile` a new host of it takes the next bucket with
 *   room and the file keeps it; without, it exceeds ACM's quota, which is adjustable (a warning says so).
 *
 * The first certificate lives with the load balancer; the others, and their attachment to the
 * listener, in a nested stack of their own (`sniScope`), so that the network's stack does not grow by
 * two resources per host.
 */
export class CertificatePacks {
  private readonly packs = new Map<string, { names: string[]; certificate: acm.ICertificate }>();
  private readonly scope: Construct;
  private sni?: Construct;
  private readonly shared: boolean;
  /** Shared certificates with more names than the quota, by bucket: reported once at synthesis. */
  public readonly overfull = new Set<string>();

  /**
   * @param sniScope creates the scope of the certificates after the first, once
   * @param attach adds a certificate after the first to the listener (by SNI), in the scope it is given, under the id suffix it is given
   * @param recorded the buckets of hosts recorded in the network's `assignmentsFile`, if any (shared certificates)
   */
  constructor(owner: Construct, id: string, private readonly source: CertificateSource,
    private readonly sniScope: () => Construct,
    private readonly attach: (scope: Construct, certificate: acm.ICertificate, idSuffix: string) => void = () => {},
    private readonly recorded: { table: AssignmentTable; records: boolean } = { table: AssignmentBook.none().table('certificates'), records: false },
    mode: HostCertificates = HostCertificates.PER_HOST) {
    this.scope = new Construct(owner, id);
    this.shared = mode === HostCertificates.SHARED;
    this.open(this.shared ? '0' : source.zoneName, [source.zoneName], this.scope, '1');
  }

  /** The first certificate: the listener's default. */
  public get defaultCertificate(): acm.ICertificate {
    return [...this.packs.values()][0].certificate;
  }

  /** Every certificate, the default first. */
  public get certificates(): acm.ICertificate[] {
    return [...this.packs.values()].map(p => p.certificate);
  }

  /** How many names each certificate has. */
  public namesPerCertificate(): number[] {
    return [...this.packs.values()].map(p => p.names.length);
  }

  /**
   * Whether `hosts` fit beside the certificates there are and `pending` hosts recorded for the load
   * balancer that no route has added yet: with `extraSni` given certificates, at most 25 by SNI (the
   * quota), and, shared, the names in 20 certificates of 10.
   */
  public fits(hosts: string[], extraSni: number, pending: number): boolean {
    const added = this.newNames(hosts);
    const keys = new Set(this.packs.keys());
    added.forEach(h => keys.add(this.keyOf(h)));
    if (!this.shared) return keys.size - 1 + pending + extraSni <= AWS_LIMITS.certificatesPerLoadBalancer.value;
    const names = [...this.packs.values()].reduce((n, p) => n + p.names.length, 0) + added.length + pending;
    return keys.size - 1 + extraSni <= AWS_LIMITS.certificatesPerLoadBalancer.value
      && names <= CERTIFICATE_BUCKETS * AWS_LIMITS.namesPerCertificate.value;
  }

  /** Covers `hosts`: each new one goes into its certificate, created when it is the first. */
  public add(hosts: string[]): void {
    for (const host of this.newNames(hosts)) {
      const key = this.keyOf(host);
      if (this.shared) this.recorded.table.set(host, Number(key));
      const pack = this.packs.get(key);
      if (pack) {
        pack.names.push(host);
        if (pack.names.length > AWS_LIMITS.namesPerCertificate.value) this.overfull.add(key);
        continue;
      }
      this.sni ??= this.sniScope();
      // a certificate's first name has at most 64 characters (ACM): a longer host goes second, after the
      // zone's name (which the network checked), where 253 are allowed
      const idSuffix = this.shared ? `${Number(key) + 1}` : hostIdSuffix(host);
      const certificate = this.open(key, fitsCertificateFirstName(host) ? [host] : [this.source.zoneName, host], this.sni, idSuffix);
      this.attach(this.sni, certificate, idSuffix);
    }
  }

  /** The certificate a host belongs to: its own; shared, its bucket (recorded, or its hash; with a file, the next with room when full). */
  private keyOf(host: string): string {
    if (!this.shared) return host;
    const recorded = this.recorded.table.get(host);
    if (recorded !== undefined) return String(recorded);
    const home = stableHash(host) % CERTIFICATE_BUCKETS;
    if (!this.recorded.records) return String(home);
    for (let i = 0; i < CERTIFICATE_BUCKETS; i++) {
      const bucket = (home + i) % CERTIFICATE_BUCKETS;
      if (this.occupancy(bucket) < AWS_LIMITS.namesPerCertificate.value) return String(bucket);
    }
    return String(home);
  }

  /**
   * The names of a bucket: those it holds, and the hosts the file records in it that no route has
   * added yet (a service declared later): their room is taken.
   */
  private occupancy(bucket: number): number {
    const known = this.knownNames();
    const pending = this.recorded.table.entries().filter(([host, b]) => b === bucket && !known.has(host)).length;
    return (this.packs.get(String(bucket))?.names.length ?? (bucket === 0 ? 1 : 0)) + pending;
  }

  private knownNames(): Set<string> {
    return new Set([...this.packs.values()].flatMap(p => p.names));
  }

  private newNames(hosts: string[]): string[] {
    const known = this.knownNames();
    return [...new Set(hosts.map(h => h.toLowerCase()))].filter(h => !known.has(h));
  }

  /** The certificate `Certificate<idSuffix>` for `names`, whose list grows until synthesis when shared. */
  private open(key: string, names: string[], scope: Construct, idSuffix: string): acm.ICertificate {
    const zoneId = this.source.zone.hostedZoneId;
    const id = `Certificate${idSuffix}`;
    const first = this.packs.size === 0;
    // the names in an order of their own, never the order the services were declared in: reordering
    // services must not re-issue a certificate
    const ordered = () => this.ordered(first, names);
    const cfn = new acm.CfnCertificate(scope, id, {
      domainName: Lazy.string({ produce: () => ordered()[0] }),
      subjectAlternativeNames: Lazy.list({ produce: () => ordered().slice(1) }, { omitEmpty: true }),
      validationMethod: 'DNS',
      domainValidationOptions: Lazy.any({ produce: () => ordered().map(domainName => ({ domainName, hostedZoneId: zoneId })) }),
    });
    const certificate = acm.Certificate.fromCertificateArn(scope, `${id}Arn`, cfn.ref);
    this.packs.set(key, { names, certificate });
    return certificate;
  }

  /**
   * The names of a certificate in a fixed order: the first certificate starts with the zone; the others
   * with their first host in alphabetical order that ACM takes as a first name (64 characters at most),
   * else with the zone; then the hosts in alphabetical order.
   */
  private ordered(first: boolean, names: string[]): string[] {
    const zone = this.source.zoneName;
    const hosts = [...new Set(names.filter(n => n !== zone))].sort();
    const head = first ? undefined : hosts.find(fitsCertificateFirstName);
    return head === undefined ? [zone, ...hosts] : [head, ...hosts.filter(h => h !== head)];
  }
}

/**
 * The construct id suffix of a host's own certificate: its letters and digits, then a hash of the whole
 * name, so that `a-b.example.com` and `ab.example.com`, or `*.a.example.com` and `a.example.com`, get
 * different logical IDs (a direct child of a stack gets no hash of its path from aws-cdk-lib).
 */
function hostIdSuffix(host: string): string {
  return `${host.replace(/[^A-Za-z0-9]/g, '').slice(0, 64)}${stableHash(host).toString(16).padStart(8, '0')}`;
}

/** Whether `host` is `zoneName` or lies under it. */
export function inZone(host: string, zoneName: string): boolean {
  const h = host.toLowerCase();
  const z = zoneName.toLowerCase().replace(/\.$/, '');
  return h === z || h.endsWith(`.${z}`);
}
