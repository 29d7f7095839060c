import { Aws, Stack, Token } from 'aws-cdk-lib';
import type { Construct } from 'constructs';
import { requireDnsName } from '../private/aws-values/dns-names';
import { invalidProp } from '../private/validation';

/** A domain of the allow-list: a name, or `*.` and a name for every subdomain. */
const DOMAIN = /^(\*\.)?[a-z0-9_]([a-z0-9_-]*[a-z0-9_])?(\.[a-z0-9_]([a-z0-9_-]*[a-z0-9_])?)*\.?$/i;

/** Throws unless every domain is a DNS name, optionally after `*.`; skips tokens. */
export function validateDomains(prop: string, domains: string[], required: boolean): void {
  if (required && domains.length === 0) {
    throw invalidProp(prop, 'must list at least one domain', domains,
      'List the domains the tasks call (`[\'api.example.com\', \'*.example.org\']`), or leave `egressDomains` out to keep egress by address only.');
  }
  const fix = 'Give a DNS name such as `api.example.com`, or `*.example.com` for every subdomain (a `*` only as the first label).';
  domains.forEach((domain, i) => {
    if (Token.isUnresolved(domain)) return;
    if (!DOMAIN.test(domain)) throw invalidProp(`${prop}[${i}]`, 'must be a DNS name, optionally after `*.`', domain, fix);
    requireDnsName(`${prop}[${i}]`, domain.replace(/^\*\./, ''), fix);
  });
}

/**
 * The names the network itself needs, whatever the user lists. Each from AWS's documentation:
 * - Amazon ECR: `api.ecr.<region>.amazonaws.com` (the API) and `<account>.dkr.ecr.<region>.amazonaws.com`
 *   (the registry), with the image layers served from the bucket `prod-<region>-starport-layer-bucket`
 *   of Amazon S3: https://docs.aws.amazon.com/AmazonECR/latest/userguide/vpc-endpoints.html
 *   (reached as `prod-<region>-starport-layer-bucket.s3.<region>.amazonaws.com`, a virtual-hosted
 *   S3 name: https://docs.aws.amazon.com/AmazonS3/latest/userguide/VirtualHosting.html)
 * - CloudWatch Logs: `logs.<region>.amazonaws.com`: https://docs.aws.amazon.com/general/latest/gr/cwl_region.html
 * - a VPC interface endpoint answers for `<service>.<region>.amazonaws.com` through private DNS:
 *   https://docs.aws.amazon.com/vpc/latest/privatelink/privatelink-access-aws-services.html
 */
export function networkDomains(scope: Construct, endpointNames: string[], namespaceName: string): string[] {
  const region = regionOf(scope);
  return [
    `api.ecr.${region}.amazonaws.com`,
    `*.dkr.ecr.${region}.amazonaws.com`,
    `prod-${region}-starport-layer-bucket.s3.${region}.amazonaws.com`,
    `logs.${region}.amazonaws.com`,
    ...endpointNames.map(name => endpointDomain(name, region)),
    namespaceName,
    `*.${namespaceName}`,
  ];
}

/** The name an interface endpoint answers for (`ecr.api` is `api.ecr.<region>`, `ecr.dkr` is `<account>.dkr.ecr.<region>`). */
function endpointDomain(shortName: string, region: string): string {
  if (shortName === 'ecr.api') return `api.ecr.${region}.amazonaws.com`;
  if (shortName === 'ecr.dkr') return `*.dkr.ecr.${region}.amazonaws.com`;
  return `${shortName}.${region}.amazonaws.com`;
}

/**
 * The registry an image is pulled from, as a domain: the host of its name, or Docker Hub for a bare
 * name. Docker Hub serves manifests from `registry-1.docker.io`, tokens from `auth.docker.io` and
 * layers from `production.cloudflare.docker.com`
 * (https://docs.docker.com/desktop/setup/allow-list/); ECR Public serves layers from CloudFront
 * (`*.cloudfront.net`) behind `public.ecr.aws`. An ECR image of the stack's region is covered by
 * `networkDomains`; an unresolved name (a repository or an asset of the stack) is ECR of the region.
 */
export function registryDomains(imageName: string): string[] {
  if (Token.isUnresolved(imageName)) return [];
  const first = imageName.split('/')[0];
  const hasRegistry = imageName.includes('/') && (first.includes('.') || first.includes(':') || first === 'localhost');
  if (!hasRegistry) return ['registry-1.docker.io', 'auth.docker.io', 'production.cloudflare.docker.com'];
  const host = first.replace(/:\d+$/, '');
  const ecr = /^\d{12}\.dkr\.ecr(?:-fips)?\.([a-z0-9-]+)\.amazonaws\.com$/.exec(host);
  if (ecr) return [host, `api.ecr.${ecr[1]}.amazonaws.com`, `prod-${ecr[1]}-starport-layer-bucket.s3.${ecr[1]}.amazonaws.com`];
  if (host === 'public.ecr.aws') return [host, '*.cloudfront.net'];
  if (host === 'docker.io') return ['registry-1.docker.io', 'auth.docker.io', 'production.cloudflare.docker.com'];
  return [host];
}

function regionOf(scope: Construct): string {
  const region = Stack.of(scope).region;
  return Token.isUnresolved(region) ? Aws.REGION : region;
}

/** The domain as Network Firewall's domain list takes it: a leading dot for every subdomain. */
export function networkFirewallTarget(domain: string): string {
  return domain.replace(/^\*\./, '.').replace(/\.$/, '');
}
