import * as acm from 'aws-cdk-lib/aws-certificatemanager';
import * as route53 from 'aws-cdk-lib/aws-route53';
import { Construct } from 'constructs';

/**
 * The certificates the network requests from ACM for its routed hosts, validated through DNS in a
 * public hosted zone: one for the zone's name and its subdomains (`example.com`, `*.example.com`), the
 * default certificate of every listener that uses them, and one per deeper parent domain of a host
 * (`*.eu.example.com` for `shop.eu.example.com`), added to the listeners that serve such hosts and
 * chosen by SNI. A new host never replaces a certificate: it is covered by one that exists, or gets
 * one of its own.
 */
export class IngressCertificates {
  private readonly byParent = new Map<string, acm.Certificate>();
  private scope?: Construct;

  constructor(private readonly owner: Construct, public readonly zone: route53.IHostedZone, public readonly zoneName: string) {}

  /** Whether `host` lies in the zone (is the zone's name or a subdomain of it). */
  public covers(host: string): boolean {
    return inZone(host, this.zoneName);
  }

  /** The certificate of the zone's name and its subdomains: the default certificate of a listener. */
  public zoneCertificate(): acm.Certificate {
    return this.forParent(this.zoneName);
  }

  /** The parent domain whose wildcard certificate covers `host`: the host without its first label, or the zone's name itself. */
  public parentOf(host: string): string {
    const h = host.toLowerCase();
    return h === this.zoneName ? this.zoneName : h.slice(h.indexOf('.') + 1);
  }

  /** The certificate of `*.<parent>` (and of the zone's name, for the zone), requested once. */
  public forParent(parent: string): acm.Certificate {
    const existing = this.byParent.get(parent);
    if (existing) return existing;
    this.scope ??= new Construct(this.owner, 'Certificates');
    const isZone = parent === this.zoneName;
    const certificate = new acm.Certificate(this.scope, isZone ? 'Zone' : parent, {
      domainName: `*.${parent}`,
      subjectAlternativeNames: isZone ? [parent] : undefined,
      validation: acm.CertificateValidation.fromDns(this.zone),
    });
    this.byParent.set(parent, certificate);
    return certificate;
  }
}

/** Whether `host` is `zoneName` or lies under it. */
export function inZone(host: string, zoneName: string): boolean {
  const h = host.toLowerCase();
  const z = zoneName.toLowerCase().replace(/\.$/, '');
  return h === z || h.endsWith(`.${z}`);
}
