import { Stack } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import * as acm from 'aws-cdk-lib/aws-certificatemanager';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as elbv2 from 'aws-cdk-lib/aws-elasticloadbalancingv2';
import * as route53 from 'aws-cdk-lib/aws-route53';
import { HostCertificates, IngressAccess } from '../../src';
import { CERTIFICATE_BUCKETS } from '../../src/ingress/certificates';
import { addAliasRecords } from '../../src/ingress/records';
import { stableHash } from '../../src/private/stable-hash';
import { IMAGE, logicalId, newNetwork, newStack, propsOf, resourcesDeep, saveAssignments, tempAssignmentsFile } from '../helpers/network';

function withZones(hostCertificates?: HostCertificates) {
  const stack = newStack();
  const publicZone = new route53.PublicHostedZone(stack, 'PublicZone', { zoneName: 'example.com' });
  const privateZone = new route53.HostedZone(stack, 'PrivateZone', { zoneName: 'internal.example.com' });
  const { network } = newNetwork({
    loadBalancer: { hostedZone: publicZone, hostCertificates },
    internalLoadBalancer: { hostedZone: privateZone },
    monitoring: { enabled: false },
  }, stack);
  privateZone.addVpc(network.vpc);
  return { stack, network, publicZone, privateZone };
}

describe('custom domains', () => {
  test('a public zone: the load balancer serves HTTPS with a DNS-validated certificate that names the zone, no wildcard', () => {
    const { stack, network, publicZone } = withZones();
    const template = Template.fromStack(stack);
    expect(network.httpsListener).toBeDefined();
    const certs = Object.values(template.findResources('AWS::CertificateManager::Certificate')).map(r => r.Properties);
    expect(certs).toEqual([{
      DomainName: 'example.com',
      ValidationMethod: 'DNS',
      DomainValidationOptions: [{ DomainName: 'example.com', HostedZoneId: { Ref: logicalId(publicZone) } }],
    }]);
    const listener = propsOf(template, network.httpsListener!);
    expect(listener.Certificates).toEqual([{ CertificateArn: { Ref: Object.keys(template.findResources('AWS::CertificateManager::Certificate'))[0] } }]);
    // port 80 redirects
    expect(propsOf(template, network.httpListener!).DefaultActions[0].Type).toBe('redirect');
  });

  test('routed hosts get alias records to the load balancer that serves them, once per host', () => {
    const { stack, network, publicZone } = withZones();
    network.addService('shop', { image: IMAGE, containerPort: 80, routing: { hostHeaders: ['shop.example.com'], pathPatterns: ['/*'] } });
    network.addService('cart', { image: IMAGE, containerPort: 80, routing: { hostHeaders: ['shop.example.com'], pathPatterns: ['/cart/*'] } });
    network.addService('apex', { image: IMAGE, containerPort: 80, routing: { hostHeaders: ['example.com'] } });
    const template = Template.fromStack(stack);
    const records = Object.values(template.findResources('AWS::Route53::RecordSet')).map(r => r.Properties);
    expect(records.map(r => [r.Name, r.Type])).toEqual([['shop.example.com.', 'A'], ['example.com.', 'A']]);
    expect(records[0].HostedZoneId).toEqual({ Ref: logicalId(publicZone) });
    expect(records[0].AliasTarget.DNSName['Fn::Join'][1]).toContainEqual({ 'Fn::GetAtt': [logicalId(network.loadBalancer!), 'DNSName'] });
    // covered by the zone's certificate: no other certificate
    template.resourceCountIs('AWS::CertificateManager::Certificate', 1);
    expect(network.loadBalancers[0].hosts).toEqual(['shop.example.com', 'example.com']);
  });

  test('each host gets a certificate of its own by SNI, in a nested stack; adding, removing or reordering hosts touches no other certificate', () => {
    const hosts = Array.from({ length: 12 }, (_, i) => `s${i}.eu.example.com`);
    const build = (names: string[]) => {
      const { stack, network } = withZones();
      names.forEach(h => network.addService(h.split('.')[0], { image: IMAGE, containerPort: 80, routing: { hostHeaders: [h] } }));
      const sni = network.node.findChild('SniCertificates') as Stack;
      const certs = new Map(Object.entries(Template.fromStack(sni).findResources('AWS::CertificateManager::Certificate'))
        .map(([id, r]) => [id, [r.Properties.DomainName, ...(r.Properties.SubjectAlternativeNames ?? [])].join(' ')]));
      return { network, stack, sni, certs };
    };
    const { network, stack, sni, certs } = build(hosts);
    // the zone's certificate is the listener's default, beside the load balancer; one per host by SNI
    const own = Template.fromStack(stack).findResources('AWS::CertificateManager::Certificate');
    expect(Object.values(own).map(r => r.Properties.DomainName)).toEqual(['example.com']);
    expect([...certs.values()].sort()).toEqual([...hosts].sort());
    Template.fromStack(sni).resourceCountIs('AWS::ElasticLoadBalancingV2::ListenerCertificate', hosts.length);
    expect(network.loadBalancers[0].certificates).toHaveLength(hosts.length + 1);
    // the same logical ID for a host's certificate whatever the other hosts are, or their order
    expect(build([...hosts].reverse()).certs).toEqual(certs);
    const without = build(hosts.filter(h => h !== 's3.eu.example.com')).certs;
    expect([...without]).toEqual([...certs].filter(([, names]) => names !== 's3.eu.example.com'));
    const added = build([...hosts, 'new.eu.example.com']).certs;
    expect([...added].filter(([, names]) => names !== 'new.eu.example.com')).toEqual([...certs]);
  });

  test('hosts whose names differ only in punctuation get certificates of their own', () => {
    const { network } = withZones();
    const hosts = ['a-b.example.com', 'ab.example.com', '*.a.example.com', 'a.example.com'];
    hosts.forEach((h, i) => network.addService(`s${i}`, { image: IMAGE, containerPort: 80, routing: { hostHeaders: [h] } }));
    const sni = Template.fromStack(network.node.findChild('SniCertificates') as Stack);
    expect(Object.values(sni.findResources('AWS::CertificateManager::Certificate')).map(r => r.Properties.DomainName).sort()).toEqual([...hosts].sort());
  });

  test('shared certificates: a host\'s certificate follows from its name alone: names exactly, at most 10 per certificate, the others by SNI in a nested stack', () => {
    const hosts = Array.from({ length: 12 }, (_, i) => `s${i}.eu.example.com`);
    const build = (names: string[]) => {
      const { stack, network } = withZones(HostCertificates.SHARED);
      names.forEach(h => network.addService(h.split('.')[0], { image: IMAGE, containerPort: 80, routing: { hostHeaders: [h] } }));
      const certs = resourcesDeep(stack, 'AWS::CertificateManager::Certificate').map(c => [c.DomainName, ...(c.SubjectAlternativeNames ?? [])] as string[]);
      return { network, stack, certs };
    };
    const { network, stack, certs } = build(hosts);
    // every host on exactly one certificate, the zone on the default one, no certificate over 10 names
    expect(certs.flat().sort()).toEqual(['example.com', ...hosts].sort());
    expect(Math.max(...certs.map(c => c.length))).toBeLessThanOrEqual(10);
    expect(certs.find(c => c.includes('example.com'))!.filter(n => n !== 'example.com'))
      .toEqual(hosts.filter(h => stableHash(h) % CERTIFICATE_BUCKETS === 0));
    // the listener's default certificate with the load balancer; the others in a nested stack of their own
    const sni = Template.fromStack(network.node.findChild('SniCertificates') as Stack);
    sni.resourceCountIs('AWS::ElasticLoadBalancingV2::ListenerCertificate', certs.length - 1);
    Template.fromStack(stack).resourceCountIs('AWS::ElasticLoadBalancingV2::ListenerCertificate', 0);
    expect(network.loadBalancers[0].certificates).toHaveLength(certs.length);
    // reordering the services changes no certificate: the names are in an order of their own
    const byName = (list: string[][]) => list.map(c => c.join(' ')).sort();
    expect(byName(build([...hosts].reverse()).certs)).toEqual(byName(certs));
    // removing a host re-issues its own certificate only: every other certificate keeps its names
    const without = build(hosts.filter(h => h !== 's3.eu.example.com')).certs;
    const changed = certs.filter(c => !without.some(w => JSON.stringify(w) === JSON.stringify(c)));
    expect(changed).toEqual([certs.find(c => c.includes('s3.eu.example.com'))]);
  });

  test('with an assignments file, a host declared before the recorded hosts of a full certificate takes another one', () => {
    const assignmentsFile = tempAssignmentsFile();
    const inBucket = (b: number, count: number, prefix: string) => {
      const hosts: string[] = [];
      for (let i = 0; hosts.length < count; i++) if (stableHash(`${prefix}${i}.example.com`) % CERTIFICATE_BUCKETS === b) hosts.push(`${prefix}${i}.example.com`);
      return hosts;
    };
    const full = inBucket(5, 10, 'h');
    const [late] = inBucket(5, 1, 'late');
    const build = (hosts: string[]) => {
      const stack = newStack();
      const zone = new route53.PublicHostedZone(stack, 'Zone', { zoneName: 'example.com' });
      const loadBalancer = { hostedZone: zone, hostCertificates: HostCertificates.SHARED };
      const { network } = newNetwork({ loadBalancer, monitoring: { enabled: false }, assignmentsFile }, stack);
      hosts.forEach(h => network.addService(h.split('.')[0], { image: IMAGE, containerPort: 80, routing: { hostHeaders: [h] } }));
      return { stack, network };
    };
    saveAssignments(build(full).network);
    const { stack } = build([late, ...full]);
    const certs = resourcesDeep(stack, 'AWS::CertificateManager::Certificate').map(c => [c.DomainName, ...(c.SubjectAlternativeNames ?? [])] as string[]);
    expect(Math.max(...certs.map(c => c.length))).toBeLessThanOrEqual(10);
    expect(certs).toContainEqual([...full].sort());
    expect(certs.find(c => c.includes(late))).not.toContain(full[0]);
  });

  test('without an assignments file, an eleventh host of one shared certificate is a warning that names ACM\'s quota', () => {
    const hosts: string[] = [];
    for (let i = 0; hosts.length < 11; i++) if (stableHash(`w${i}.example.com`) % CERTIFICATE_BUCKETS === 7) hosts.push(`w${i}.example.com`);
    const { stack, network } = withZones(HostCertificates.SHARED);
    hosts.forEach(h => network.addService(h.split('.')[0], { image: IMAGE, containerPort: 80, routing: { hostHeaders: [h] } }));
    Annotations.fromStack(stack).hasWarning('*', Match.stringLikeRegexp(
      'A certificate of load balancer `public` has 11 domain names per ACM certificate, 1 over the default quota "Domain names per ACM certificate" of 10.*assignmentsFile'));
  });

  test('a wildcard host gets a wildcard name and a wildcard record', () => {
    const { stack, network } = withZones();
    network.addService('eu', { image: IMAGE, containerPort: 80, routing: { hostHeaders: ['*.eu.example.com'] } });
    const names = resourcesDeep(stack, 'AWS::CertificateManager::Certificate').flatMap(c => [c.DomainName, ...(c.SubjectAlternativeNames ?? [])]);
    expect(names).toContain('*.eu.example.com');
    Template.fromStack(stack).hasResourceProperties('AWS::Route53::RecordSet', { Name: '*.eu.example.com.', Type: 'A' });
  });

  test('internal hosts get records in the private zone and certificates through the public zone', () => {
    const { stack, network, privateZone } = withZones();
    network.addService('admin', { image: IMAGE, containerPort: 80, routing: { hostHeaders: ['admin.internal.example.com'], access: IngressAccess.INTERNAL } });
    const template = Template.fromStack(stack);
    const internal = network.loadBalancers[1];
    expect(internal.httpsListener).toBeDefined();
    // the records of a load balancer other than the first are in a nested stack of its own
    expect(resourcesDeep(stack, 'AWS::Route53::RecordSet')).toEqual([expect.objectContaining({
      Name: 'admin.internal.example.com.', HostedZoneId: { Ref: logicalId(privateZone) },
    })]);
    expect(network.node.tryFindChild('RecordsInternal')).toBeInstanceOf(Stack);
    // the internal load balancer has certificates of its own, validated in the public zone
    const certs = resourcesDeep(stack, 'AWS::CertificateManager::Certificate');
    expect(certs.map(c => [c.DomainName, ...(c.SubjectAlternativeNames ?? [])]).flat().sort()).toEqual(['admin.internal.example.com', 'example.com', 'example.com']);
    expect(internal.certificates).toHaveLength(certs.length - 1);
    expect(template.findResources('AWS::Route53::HostedZone')[logicalId(privateZone)].Properties.VPCs).toHaveLength(1);
  });

  test('both accesses: a record in each zone, each to its load balancer (split-horizon)', () => {
    const stack = newStack();
    const publicZone = new route53.PublicHostedZone(stack, 'PublicZone', { zoneName: 'example.com' });
    const privateZone = new route53.HostedZone(stack, 'PrivateZone', { zoneName: 'example.com' });
    const { network } = newNetwork({ loadBalancer: { hostedZone: publicZone }, internalLoadBalancer: { hostedZone: privateZone } }, stack);
    privateZone.addVpc(network.vpc);
    network.addService('api', { image: IMAGE, containerPort: 80, routing: { hostHeaders: ['api.example.com'], access: IngressAccess.PUBLIC_AND_INTERNAL } });
    const records = resourcesDeep(stack, 'AWS::Route53::RecordSet');
    expect(records.map(r => [r.Name, r.HostedZoneId])).toEqual([
      ['api.example.com.', { Ref: logicalId(publicZone) }],
      ['api.example.com.', { Ref: logicalId(privateZone) }],
    ]);
  });

  test('a given certificate wins: no certificate is requested, the zone still gets records', () => {
    const stack = newStack();
    const zone = new route53.PublicHostedZone(stack, 'Zone', { zoneName: 'example.com' });
    const certificate = acm.Certificate.fromCertificateArn(stack, 'Cert', 'arn:aws:acm:us-east-1:111111111111:certificate/abc');
    const { network } = newNetwork({ loadBalancer: { hostedZone: zone, certificate } }, stack);
    network.addService('shop', { image: IMAGE, containerPort: 80, routing: { hostHeaders: ['shop.eu.example.com'] } });
    const template = Template.fromStack(stack);
    template.resourceCountIs('AWS::CertificateManager::Certificate', 0);
    template.resourceCountIs('AWS::Route53::RecordSet', 1);
  });

  test('additional certificates go on the HTTPS listener by SNI', () => {
    const stack = newStack();
    const cert = (id: string) => acm.Certificate.fromCertificateArn(stack, id, `arn:aws:acm:us-east-1:111111111111:certificate/${id}`);
    const { network } = newNetwork({ loadBalancer: { certificate: cert('a'), additionalCertificates: [cert('b'), cert('c')] } }, stack);
    const attached = Object.values(Template.fromStack(stack).findResources('AWS::ElasticLoadBalancingV2::ListenerCertificate'))
      .flatMap(r => r.Properties.Certificates.map((c: any) => c.CertificateArn));
    expect(attached).toEqual(['arn:aws:acm:us-east-1:111111111111:certificate/b', 'arn:aws:acm:us-east-1:111111111111:certificate/c']);
    expect(network.loadBalancers[0].certificates).toHaveLength(3);
  });

  test('a dual-stack load balancer gets an AAAA record too', () => {
    const stack = new Stack();
    const vpc = new ec2.Vpc(stack, 'Vpc');
    const lb = new elbv2.ApplicationLoadBalancer(stack, 'Lb', { vpc, internetFacing: true, ipAddressType: elbv2.IpAddressType.DUAL_STACK });
    const zone = new route53.PublicHostedZone(stack, 'Zone', { zoneName: 'example.com' });
    expect(addAliasRecords(stack, 'R', zone, 'a.example.com', lb).map(r => (r.node.defaultChild as route53.CfnRecordSet).type)).toEqual(['A', 'AAAA']);
    const ipv4 = new elbv2.ApplicationLoadBalancer(stack, 'Lb4', { vpc, internetFacing: true });
    expect(addAliasRecords(stack, 'R4', zone, 'b.example.com', ipv4)).toHaveLength(1);
  });
});

describe('custom domains: bad input', () => {
  // AWS Certificate Manager API Reference, RequestCertificate: labels of 63 octets at most; the first
  // name (DomainName) 64 at most, the others 253
  test('a host with a label of 64 characters is an error', () => {
    const { network } = withZones();
    const host = `${'a'.repeat(64)}.example.com`;
    expect(() => network.addService('x', { image: IMAGE, containerPort: 80, routing: { hostHeaders: [host] } }))
      .toThrow(`\`x.routing.hostHeaders\` must be a DNS name whose labels (between dots) have 1 to 63 characters, but one has 64, got: "${host}". ` +
        'Shorten the host: it becomes a DNS record and a name on a certificate.');
  });

  test('a zone name of 65 characters cannot be the first name of the requested certificates', () => {
    const stack = newStack();
    const zoneName = `${'a'.repeat(40)}.${'b'.repeat(12)}.example.com`;
    const zone = new route53.PublicHostedZone(stack, 'Zone', { zoneName });
    expect(zoneName).toHaveLength(65);
    expect(() => newNetwork({ loadBalancer: { hostedZone: zone }, monitoring: { enabled: false } }, stack)).toThrow(
      '`loadBalancer.hostedZone` is the first name of the certificates the network requests, which ACM limits to 64 characters (RFC 5280), got: "65 characters". ' +
      'Give a shorter zone, or a `certificate` of your own (its first name may be a shorter one of the zone).');
  });

  test('a host longer than 64 characters goes second on its certificate, after the zone\'s name', () => {
    const { stack, network } = withZones();
    const host = `${'a'.repeat(60)}.shop.example.com`;
    network.addService('x', { image: IMAGE, containerPort: 80, routing: { hostHeaders: [host] } });
    const certificates = resourcesDeep(stack, 'AWS::CertificateManager::Certificate');
    const mine = certificates.find((c: any) => c.DomainName === host || (c.SubjectAlternativeNames ?? []).includes(host));
    expect(mine.DomainName.length).toBeLessThanOrEqual(64);
    expect(mine.SubjectAlternativeNames).toContain(host);
  });

  test('a host outside the zone is an error', () => {
    const { network } = withZones();
    expect(() => network.addService('x', { image: IMAGE, containerPort: 80, routing: { hostHeaders: ['shop.example.org'] } }))
      .toThrow('`x.routing.hostHeaders` must lie in the hosted zone `example.com` of `loadBalancer.hostedZone`, where its record goes, got: "shop.example.org". ' +
        'Use a host under example.com, or give `loadBalancer.hostedZone` the zone of this host.');
    expect(network.services).toHaveLength(0);
  });

  test('an internal host outside the public zone cannot get a requested certificate', () => {
    const stack = newStack();
    const publicZone = new route53.PublicHostedZone(stack, 'PublicZone', { zoneName: 'example.com' });
    const { network } = newNetwork({ loadBalancer: { hostedZone: publicZone } }, stack);
    expect(() => network.addService('x', { image: IMAGE, containerPort: 80, routing: { hostHeaders: ['x.corp.internal'], access: IngressAccess.INTERNAL } }))
      .toThrow('`x.routing.hostHeaders` needs a certificate, which the network requests through the public zone `example.com` (ACM validates names in public DNS), ' +
        'but lies outside it, got: "x.corp.internal". Use a host under example.com, or give `internalLoadBalancer.certificate`.');
  });

  test('a host pattern no record can carry is an error where there is a zone', () => {
    const { network } = withZones();
    expect(() => network.addService('x', { image: IMAGE, containerPort: 80, routing: { hostHeaders: ['shop-?.example.com'] } }))
      .toThrow('`x.routing.hostHeaders` is a pattern that no DNS record or certificate can carry (on the internet-facing load balancers, which have a hosted zone), ' +
        'got: "shop-?.example.com". Use host names, or `*.` as the whole first label (`*.example.com`).');
    expect(() => network.addService('y', { image: IMAGE, containerPort: 80, routing: { hostHeaders: ['shop*.example.com'] } })).toThrow(/is a pattern that no DNS record/);
  });

  test('a private zone for the internet-facing load balancer is an error', () => {
    const stack = newStack();
    const vpc = new ec2.Vpc(stack, 'Other');
    const zone = new route53.PrivateHostedZone(stack, 'Zone', { zoneName: 'example.com', vpc });
    expect(() => newNetwork({ loadBalancer: { hostedZone: zone } }, stack))
      .toThrow('`loadBalancer.hostedZone` is a private hosted zone, but the load balancer faces the internet: its records would resolve only inside the associated VPCs, ' +
        'got: "example.com". Give the public hosted zone of the domain; a private zone goes to the internal load balancers.');
  });

  test('a public zone for the internal load balancers is an error, at once or at synthesis', () => {
    const stack = newStack();
    const zone = new route53.PublicHostedZone(stack, 'Zone', { zoneName: 'example.com' });
    expect(() => newNetwork({ internalLoadBalancer: { hostedZone: zone } }, stack))
      .toThrow(/^`internalLoadBalancer.hostedZone` is a public hosted zone: its records would publish the private addresses of the internal load balancer to the internet/);
    // a plain HostedZone that never gets a VPC is public
    const stack2 = newStack();
    const plain = new route53.HostedZone(stack2, 'Zone', { zoneName: 'example.com' });
    newNetwork({ internalLoadBalancer: { hostedZone: plain } }, stack2);
    expect(() => Template.fromStack(stack2)).toThrow(/`internalLoadBalancer.hostedZone` is a public hosted zone/);
    // the same with loadBalancer.internetFacing false
    const stack3 = newStack();
    const zone3 = new route53.PublicHostedZone(stack3, 'Zone', { zoneName: 'example.com' });
    expect(() => newNetwork({ loadBalancer: { internetFacing: false, hostedZone: zone3 } }, stack3)).toThrow(/^`loadBalancer.hostedZone` is a public hosted zone/);
  });

  test('a zone whose name is a token is an error: hosts are checked against it', () => {
    const stack = newStack();
    const zone = route53.HostedZone.fromHostedZoneId(stack, 'Zone', 'Z123');
    expect(() => newNetwork({ loadBalancer: { hostedZone: zone } }, stack)).toThrow(/^`loadBalancer.hostedZone` must have a zone name known at synth time/);
  });

  test('additional certificates without a certificate are an error; more than the quota is a warning', () => {
    const stack = newStack();
    const cert = (id: string) => acm.Certificate.fromCertificateArn(stack, id, `arn:aws:acm:us-east-1:111111111111:certificate/${id}`);
    expect(() => newNetwork({ loadBalancer: { additionalCertificates: [cert('b')] } }, stack))
      .toThrow('`loadBalancer.additionalCertificates` needs `certificate`: the HTTPS listener takes its default certificate from it, got: 1. ' +
        'Give `certificate` too (the additional certificates are chosen by SNI), or list the certificate first.');
    const stack2 = newStack();
    const many = Array.from({ length: 26 }, (_, i) => acm.Certificate.fromCertificateArn(stack2, `c${i}`, `arn:aws:acm:us-east-1:111111111111:certificate/${i}`));
    newNetwork({ loadBalancer: { certificate: many[0], additionalCertificates: many } }, stack2);
    Annotations.fromStack(stack2).hasWarning('/Stack/Network', Match.stringLikeRegexp(
      '`loadBalancer.additionalCertificates` has 26 certificates per Application Load Balancer \\(besides the default certificates\\), 1 over the default quota "Certificates per Application Load Balancer" of 25'));
  });
});
