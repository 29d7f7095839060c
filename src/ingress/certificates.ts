import { Lazy } from 'aws-cdk-lib';
import * as acm from 'aws-cdk-lib/aws-certificatemanager';
import type * as route53 from 'aws-cdk-lib/aws-route53';
import { Construct } from 'constructs';
import { AWS_LIMITS } from '../limits/aws-limits';

/** Where the network requests certificates: a public hosted zone, in which ACM validates the names. */
export class CertificateSource {
  constructor(public readonly zone: route53.IHostedZone, public readonly zoneName: string) {}

  /** Whether `host` lies in the zone (is the zone's name or a subdomain of it). */
  public covers(host: string): boolean {
    return inZone(host, this.zoneName);
  }
}

/**
 * The certificates one load balancer's HTTPS listener gets from ACM, validated through DNS in the
 * public zone: each names up to 10 hosts exactly (ACM's default quota of names per certificate; no
 * wildcard unless a route's host is one). The first starts with the zone's name and is the listener's
 * default; the next ones are added by SNI as hosts fill them. Adding a host to a certificate that has
 * room replaces that certificate (CloudFormation requests the new one, validates it, swaps it on the
 * listener, then deletes the old one), so the hosts it covered keep serving throughout.
 *
 * The first certificate lives with the load balancer; the next ones, and their attachment to the
 * listener, in a nested stack of their own (`sniScope`), so that the network's stack does not grow by
 * two resources per 10 hosts: at 300 hosts that is 60 resources of its 500.
 */
export class CertificatePacks {
  private readonly packs: { names: string[]; certificate: acm.ICertificate }[] = [];
  private readonly scope: Construct;
  private sni?: Construct;

  /**
   * @param sniScope creates the scope of the certificates after the first, once
   * @param attach adds a certificate after the first to the listener (by SNI), in the scope it is given
   */
  constructor(owner: Construct, id: string, private readonly source: CertificateSource,
    private readonly sniScope: () => Construct,
    private readonly attach: (scope: Construct, certificate: acm.ICertificate, index: number) => void = () => {}) {
    this.scope = new Construct(owner, id);
    this.open([source.zoneName]);
  }

  /** The first certificate: the listener's default. */
  public get defaultCertificate(): acm.ICertificate {
    return this.packs[0].certificate;
  }

  /** Every certificate, the default first. */
  public get certificates(): acm.ICertificate[] {
    return this.packs.map(p => p.certificate);
  }

  /** How many certificates beyond the default adding `hosts` would leave on the listener. */
  public sniCountWith(hosts: string[]): number {
    const perCertificate = AWS_LIMITS.namesPerCertificate.value;
    const fresh = this.newNames(hosts).length;
    const last = this.packs[this.packs.length - 1];
    const room = perCertificate - last.names.length;
    const more = fresh <= room ? 0 : Math.ceil((fresh - room) / perCertificate);
    return this.packs.length - 1 + more;
  }

  /** Covers `hosts`: each new one goes into the last certificate with room, or into a new one. */
  public add(hosts: string[]): void {
    for (const host of this.newNames(hosts)) {
      const last = this.packs[this.packs.length - 1];
      if (last.names.length < AWS_LIMITS.namesPerCertificate.value) {
        last.names.push(host);
      } else {
        this.sni ??= this.sniScope();
        const certificate = this.open([host], this.sni);
        this.attach(this.sni, certificate, this.packs.length - 1);
      }
    }
  }

  private newNames(hosts: string[]): string[] {
    const known = new Set(this.packs.flatMap(p => p.names));
    return [...new Set(hosts.map(h => h.toLowerCase()))].filter(h => !known.has(h));
  }

  /** A certificate for `names`, whose list grows until synthesis. */
  private open(names: string[], scope: Construct = this.scope): acm.ICertificate {
    const zoneId = this.source.zone.hostedZoneId;
    const id = `Certificate${this.packs.length + 1}`;
    const cfn = new acm.CfnCertificate(scope, id, {
      domainName: names[0],
      subjectAlternativeNames: Lazy.list({ produce: () => names.slice(1) }, { omitEmpty: true }),
      validationMethod: 'DNS',
      domainValidationOptions: Lazy.any({ produce: () => names.map(domainName => ({ domainName, hostedZoneId: zoneId })) }),
    });
    const certificate = acm.Certificate.fromCertificateArn(scope, `${id}Arn`, cfn.ref);
    this.packs.push({ names, certificate });
    return certificate;
  }
}

/** Whether `host` is `zoneName` or lies under it. */
export function inZone(host: string, zoneName: string): boolean {
  const h = host.toLowerCase();
  const z = zoneName.toLowerCase().replace(/\.$/, '');
  return h === z || h.endsWith(`.${z}`);
}
