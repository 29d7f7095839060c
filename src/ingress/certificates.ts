import { Lazy } from 'aws-cdk-lib';
import * as acm from 'aws-cdk-lib/aws-certificatemanager';
import type * as route53 from 'aws-cdk-lib/aws-route53';
import { Construct } from 'constructs';
import { AWS_LIMITS } from '../limits/aws-limits';
import type { AssignmentTable } from '../private/assignments';
import { AssignmentBook } from '../private/assignments';
import { fitsCertificateFirstName, requireCertificateFirstName } from '../private/aws-values/dns-names';
import { stableHash } from '../private/stable-hash';

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

/** How many certificates a load balancer's hosts are spread over: the default one and 19 by SNI (the quota is 25). */
export const CERTIFICATE_BUCKETS = 20;

/**
 * The certificates one load balancer's HTTPS listener gets from ACM, validated through DNS in the
 * public zone: each names up to 10 hosts exactly (ACM's default quota of names per certificate; no
 * wildcard unless a route's host is one).
 *
 * A host's certificate depends on the host alone: a hash of its name picks one of 20 buckets. The
 * first bucket's certificate also names the zone and is the listener's default; the others are added
 * by SNI when their first host comes. So adding or removing a host re-issues the one certificate of
 * its bucket (CloudFormation requests the new one, validates it, swaps it on the listener, then
 * deletes the old one, so its other hosts keep serving), never the certificates of other hosts, which
 * a list filled in order would. A bucket with 10 names is full: with the network's `assignmentsFile`
 * a new host of it takes the next bucket with room and the file keeps it; without, it exceeds ACM's
 * quota of names per certificate, which is adjustable (a warning says so).
 *
 * The first certificate lives with the load balancer; the others, and their attachment to the
 * listener, in a nested stack of their own (`sniScope`), so that the network's stack does not grow by
 * two resources per bucket.
 */
export class CertificatePacks {
  private readonly packs = new Map<number, { names: string[]; certificate: acm.ICertificate }>();
  private readonly scope: Construct;
  private sni?: Construct;
  /** Names beyond the quota, by bucket: reported once at synthesis. */
  public readonly overfull = new Set<number>();

  /**
   * @param sniScope creates the scope of the certificates after the first, once
   * @param attach adds a certificate after the first to the listener (by SNI), in the scope it is given
   * @param recorded the buckets of hosts recorded in the network's `assignmentsFile`, if any
   */
  constructor(owner: Construct, id: string, private readonly source: CertificateSource,
    private readonly sniScope: () => Construct,
    private readonly attach: (scope: Construct, certificate: acm.ICertificate, bucket: number) => void = () => {},
    private readonly recorded: { table: AssignmentTable; records: boolean } = { table: AssignmentBook.none().table('certificates'), records: false }) {
    this.scope = new Construct(owner, id);
    this.open(0, [source.zoneName]);
  }

  /** The first certificate: the listener's default. */
  public get defaultCertificate(): acm.ICertificate {
    return this.packs.get(0)!.certificate;
  }

  /** Every certificate, the default first, then by bucket. */
  public get certificates(): acm.ICertificate[] {
    return [...this.packs.keys()].sort((a, b) => a - b).map(b => this.packs.get(b)!.certificate);
  }

  /** How many names each certificate has. */
  public namesPerBucket(): number[] {
    return [...this.packs.values()].map(p => p.names.length);
  }

  /** How many names (the zone's included) the certificates would hold with `hosts`. */
  public nameCountWith(hosts: string[]): number {
    return [...this.packs.values()].reduce((n, p) => n + p.names.length, 0) + this.newNames(hosts).length;
  }

  /** How many certificates beyond the default adding `hosts` would leave on the listener. */
  public sniCountWith(hosts: string[]): number {
    const buckets = new Set(this.packs.keys());
    this.newNames(hosts).forEach(h => buckets.add(this.bucketOf(h)));
    return buckets.size - 1;
  }

  /** Covers `hosts`: each new one goes into its bucket's certificate, created when it is the first. */
  public add(hosts: string[]): void {
    for (const host of this.newNames(hosts)) {
      const bucket = this.bucketOf(host);
      this.recorded.table.set(host, bucket);
      const pack = this.packs.get(bucket);
      if (pack) {
        pack.names.push(host);
        if (pack.names.length > AWS_LIMITS.namesPerCertificate.value) this.overfull.add(bucket);
        continue;
      }
      this.sni ??= this.sniScope();
      // a certificate's first name has at most 64 characters (ACM): a longer host goes second, after the
      // zone's name (which the network checked), where 253 are allowed
      const certificate = this.open(bucket, fitsCertificateFirstName(host) ? [host] : [this.source.zoneName, host], this.sni);
      this.attach(this.sni, certificate, bucket);
    }
  }

  /** The bucket of a host: recorded, or its hash; with a file, the next bucket with room when that one is full. */
  private bucketOf(host: string): number {
    const recorded = this.recorded.table.get(host);
    if (recorded !== undefined) return recorded;
    const home = stableHash(host) % CERTIFICATE_BUCKETS;
    if (!this.recorded.records) return home;
    for (let i = 0; i < CERTIFICATE_BUCKETS; i++) {
      const bucket = (home + i) % CERTIFICATE_BUCKETS;
      if (this.occupancy(bucket) < AWS_LIMITS.namesPerCertificate.value) return bucket;
    }
    return home;
  }

  /**
   * The names of a bucket: those it holds, and the hosts the file records in it that no route has
   * added yet (a service declared later): their room is taken.
   */
  private occupancy(bucket: number): number {
    const known = new Set([...this.packs.values()].flatMap(p => p.names));
    const pending = this.recorded.table.entries().filter(([host, b]) => b === bucket && !known.has(host)).length;
    return (this.packs.get(bucket)?.names.length ?? (bucket === 0 ? 1 : 0)) + pending;
  }

  private newNames(hosts: string[]): string[] {
    const known = new Set([...this.packs.values()].flatMap(p => p.names));
    return [...new Set(hosts.map(h => h.toLowerCase()))].filter(h => !known.has(h));
  }

  /** The certificate of `bucket` for `names`, whose list grows until synthesis. */
  private open(bucket: number, names: string[], scope: Construct = this.scope): acm.ICertificate {
    const zoneId = this.source.zone.hostedZoneId;
    const id = `Certificate${bucket + 1}`;
    // the names in an order of their own, never the order the services were declared in: reordering
    // services must not re-issue a certificate
    const ordered = () => this.ordered(bucket, names);
    const cfn = new acm.CfnCertificate(scope, id, {
      domainName: Lazy.string({ produce: () => ordered()[0] }),
      subjectAlternativeNames: Lazy.list({ produce: () => ordered().slice(1) }, { omitEmpty: true }),
      validationMethod: 'DNS',
      domainValidationOptions: Lazy.any({ produce: () => ordered().map(domainName => ({ domainName, hostedZoneId: zoneId })) }),
    });
    const certificate = acm.Certificate.fromCertificateArn(scope, `${id}Arn`, cfn.ref);
    this.packs.set(bucket, { names, certificate });
    return certificate;
  }

  /**
   * The names of a certificate in a fixed order: the first certificate starts with the zone; the others
   * with their first host in alphabetical order that ACM takes as a first name (64 characters at most),
   * else with the zone; then the hosts in alphabetical order.
   */
  private ordered(bucket: number, names: string[]): string[] {
    const zone = this.source.zoneName;
    const hosts = [...new Set(names.filter(n => n !== zone))].sort();
    const first = bucket === 0 ? undefined : hosts.find(fitsCertificateFirstName);
    return first === undefined ? [zone, ...hosts] : [first, ...hosts.filter(h => h !== first)];
  }
}

/** Whether `host` is `zoneName` or lies under it. */
export function inZone(host: string, zoneName: string): boolean {
  const h = host.toLowerCase();
  const z = zoneName.toLowerCase().replace(/\.$/, '');
  return h === z || h.endsWith(`.${z}`);
}
