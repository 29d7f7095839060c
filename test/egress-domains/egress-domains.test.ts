import { App, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import { DnsBlockResponse, DomainEnforcement, Egress, EcsAdvancedNetwork, EcsAdvancedNetworkProps, IpStack } from '../../src';
import { registryDomains, networkFirewallTarget } from '../../src/egress-domains/domain-names';
import { firewallSubnetBlocks } from '../../src/egress-domains/network-firewall';
import { allProps, IMAGE } from '../helpers/network';

const ENV = { account: '111111111111', region: 'eu-west-1' };
const BASE: EcsAdvancedNetworkProps = { loadBalancer: { enabled: false }, monitoring: { enabled: false } };

function build(props: EcsAdvancedNetworkProps) {
  const stack = new Stack(new App(), 'Stack', { env: ENV });
  const network = new EcsAdvancedNetwork(stack, 'Network', { ...BASE, ...props });
  return { stack, network };
}

const NETWORK_NEEDS = [
  'api.ecr.eu-west-1.amazonaws.com',
  '*.dkr.ecr.eu-west-1.amazonaws.com',
  'prod-eu-west-1-starport-layer-bucket.s3.eu-west-1.amazonaws.com',
  'logs.eu-west-1.amazonaws.com',
];

describe('egress by domain with DNS Firewall', () => {
  let template: Template;
  let network: EcsAdvancedNetwork;
  beforeAll(() => {
    ({ network } = build({ egressDomains: { allowedDomains: ['api.example.com', '*.Partner.org.'] } }));
    network.addService('web', { image: IMAGE, allowedDomains: ['hooks.slack.com'] });
    template = Template.fromStack(Stack.of(network));
  });

  test('the allowed list holds the user\'s domains, the service\'s, its image registry and what the network needs, once each', () => {
    const lists = allProps(template, 'AWS::Route53Resolver::FirewallDomainList');
    const allowed = lists.find(l => !l.Domains.includes('*'))!.Domains;
    expect(allowed).toEqual(expect.arrayContaining([
      'api.example.com', '*.partner.org', 'hooks.slack.com', 'public.ecr.aws', ...NETWORK_NEEDS,
      'network.internal', '*.network.internal',
    ]));
    expect(new Set(allowed).size).toBe(allowed.length);
    expect(lists.find(l => l.Domains.includes('*')).Domains).toEqual(['*']);
  });

  test('the rule group allows the list first and blocks every other name with NXDOMAIN, associated with the VPC', () => {
    const [group] = allProps(template, 'AWS::Route53Resolver::FirewallRuleGroup');
    expect(group.FirewallRules).toEqual([
      expect.objectContaining({ Action: 'ALLOW', Priority: 100 }),
      expect.objectContaining({ Action: 'BLOCK', BlockResponse: 'NXDOMAIN', Priority: 200 }),
    ]);
    // an allowed name that answers with a CNAME outside the list (S3's virtual-hosted names) still resolves
    expect(group.FirewallRules[0].FirewallDomainRedirectionAction).toBe('TRUST_REDIRECTION_DOMAIN');
    const [association] = allProps(template, 'AWS::Route53Resolver::FirewallRuleGroupAssociation');
    expect(association).toEqual(expect.objectContaining({ Priority: 101, VpcId: { Ref: expect.stringMatching(/^NetworkVpc/) } }));
    template.resourceCountIs('AWS::NetworkFirewall::Firewall', 0);
  });

  test('the report shows the tasks\' HTTPS egress narrowed to the allowed domains', () => {
    const rows = network.report().reachability.map(r => JSON.stringify(r));
    expect(rows.some(r => r.includes('allowed domains') && r.includes('DNS Firewall'))).toBe(true);
    expect(rows.some(r => r.includes('"internet"'))).toBe(false);
  });

  test('the cost estimate prices the domain names and the queries', () => {
    const items = network.report().cost.lines.map(l => l.item);
    expect(items).toEqual(expect.arrayContaining(['DNS Firewall domain names (the allow-list and `*`)', 'DNS Firewall queries (assumed)']));
  });
});

describe('egress by domain with Network Firewall', () => {
  let template: Template;
  let network: EcsAdvancedNetwork;
  beforeAll(() => {
    ({ network } = build({ egressDomains: { allowedDomains: ['*.example.com'], enforcement: DomainEnforcement.NETWORK_FIREWALL } }));
    network.addService('web', { image: IMAGE });
    template = Template.fromStack(Stack.of(network));
  });

  test('a stateful allow-list on TLS SNI and HTTP Host, with subdomain wildcards as leading dots', () => {
    const [group] = allProps(template, 'AWS::NetworkFirewall::RuleGroup');
    const list = group.RuleGroup.RulesSource.RulesSourceList;
    expect(group.Type).toBe('STATEFUL');
    expect(list.GeneratedRulesType).toBe('ALLOWLIST');
    expect(list.TargetTypes).toEqual(['TLS_SNI', 'HTTP_HOST']);
    expect(list.Targets).toEqual(expect.arrayContaining(['.example.com', '.dkr.ecr.eu-west-1.amazonaws.com', 'logs.eu-west-1.amazonaws.com']));
  });

  test('one firewall per AZ in a /28 of its own at the end of the VPC block; other subnets keep their blocks', () => {
    const firewalls = allProps(template, 'AWS::NetworkFirewall::Firewall');
    expect(firewalls).toHaveLength(2);
    const cidrs = allProps(template, 'AWS::EC2::Subnet').map(s => s.CidrBlock);
    expect(cidrs).toEqual(expect.arrayContaining(['10.0.0.0/24', '10.0.1.0/24', '10.0.16.0/20', '10.0.32.0/20', '10.0.255.240/28', '10.0.255.224/28']));
  });

  test('routes for every AZ: public subnet -> its firewall endpoint, firewall subnet -> internet gateway, edge table returns each public subnet', () => {
    const routes = allProps(template, 'AWS::EC2::Route');
    const viaFirewall = routes.filter(r => r.VpcEndpointId);
    // two default routes of the public subnets, two return routes of the edge table
    expect(viaFirewall.filter(r => r.DestinationCidrBlock === '0.0.0.0/0')).toHaveLength(2);
    expect(viaFirewall.map(r => r.DestinationCidrBlock).filter(c => c !== '0.0.0.0/0').sort()).toEqual(['10.0.0.0/24', '10.0.1.0/24']);
    for (const r of viaFirewall) expect(JSON.stringify(r.VpcEndpointId)).toContain('EndpointIds');
    expect(routes.filter(r => r.GatewayId && r.DestinationCidrBlock === '0.0.0.0/0')).toHaveLength(2);
    template.resourceCountIs('AWS::EC2::GatewayRouteTableAssociation', 1);
    // the tasks still route to NAT
    expect(routes.filter(r => r.NatGatewayId)).toHaveLength(2);
  });

  test('the report carries the egress through the firewall, and prices its endpoints and data', () => {
    const report = network.report();
    const egress = report.reachability.map(r => JSON.stringify(r)).filter(r => r.includes('allowed domains'));
    expect(egress.length).toBeGreaterThan(0);
    expect(egress.every(r => r.includes('Network Firewall') && r.includes('TCP 443'))).toBe(true);
    const line = report.cost.lines.find(l => l.item.startsWith('Network Firewall endpoint hours'))!;
    expect(line.quantity).toBe('2 x 730 h x $0.395');
  });
});

test('in an environment-agnostic stack the network\'s names carry the stack\'s region', () => {
  const stack = new Stack(new App(), 'Agnostic');
  new EcsAdvancedNetwork(stack, 'Network', { ...BASE, egressDomains: { allowedDomains: ['Example.com'] } });
  const lists = allProps(Template.fromStack(stack), 'AWS::Route53Resolver::FirewallDomainList');
  const allowed = JSON.stringify(lists.find(l => !JSON.stringify(l.Domains).includes('"*"')).Domains);
  expect(allowed).toContain('"example.com"');
  expect(allowed).toContain('{"Fn::Join":["",["logs.",{"Ref":"AWS::Region"},".amazonaws.com"]]}');
});

describe('egress by domain: bad input', () => {
  test.each([
    [{ allowedDomains: [] }, /`egressDomains.allowedDomains` must list at least one domain/],
    [{ allowedDomains: ['ok.example.com', 'bad domain'] }, /`egressDomains.allowedDomains\[1\]` must be a DNS name/],
    [{ allowedDomains: ['a.*.example.com'] }, /`egressDomains.allowedDomains\[0\]` must be a DNS name/],
    [{ allowedDomains: [`${'a'.repeat(64)}.example.com`] }, /labels \(between dots\) have 1 to 63/],
  ])('%j is refused', (egressDomains, message) => {
    expect(() => build({ egressDomains })).toThrow(message);
  });

  test('Network Firewall without NAT in public subnets is refused', () => {
    expect(() => build({ egress: Egress.endpointsOnly(), egressDomains: { allowedDomains: ['example.com'], enforcement: DomainEnforcement.NETWORK_FIREWALL } }))
      .toThrow(/`egressDomains.enforcement` is `DomainEnforcement.NETWORK_FIREWALL`, which sits between NAT .* got: "no NAT, VPC endpoints only"/);
    expect(() => build({ egress: Egress.regionalNatGateway(), egressDomains: { allowedDomains: ['example.com'], enforcement: DomainEnforcement.NETWORK_FIREWALL } }))
      .toThrow(/a Regional NAT gateway/);
    expect(() => build({ ipStack: IpStack.dualStack(), egressDomains: { allowedDomains: ['example.com'], enforcement: DomainEnforcement.NETWORK_FIREWALL } }))
      .toThrow(/IPv6 egress that would bypass it/);
  });

  const FIREWALL = { allowedDomains: ['example.com'], enforcement: DomainEnforcement.NETWORK_FIREWALL };

  test('Network Firewall needs the last addresses of the VPC block free for its subnets', () => {
    expect(() => build({ ipAddresses: ec2.IpAddresses.cidr('10.0.0.0/22'), subnets: { publicCidrMask: 24, privateCidrMask: 24 }, egressDomains: FIREWALL }))
      .toThrow(/`egressDomains.enforcement` needs 2 firewall subnets of \/28 at the end of the VPC block, but the subnet 10.0.3.0\/24 is there.*larger VPC block/);
  });

  test('Network Firewall needs a VPC block known at synth time', () => {
    expect(() => build({ ipAddresses: ec2.IpAddresses.awsIpamAllocation({ ipv4IpamPoolId: 'ipam-pool-0123', ipv4NetmaskLength: 16, defaultSubnetIpv4NetmaskLength: 20 }), egressDomains: FIREWALL }))
      .toThrow(/`ipAddresses` must be a concrete IPv4 block for `DomainEnforcement.NETWORK_FIREWALL`/);
  });

  test('more domains than the firewall\'s rule group holds fail synthesis, with the count and a fix', () => {
    // the rule group's fixed capacity of 1,000 holds 499 domains on two protocols, plus one unit per protocol
    const domains = (n: number) => Array.from({ length: n }, (_, i) => `d${i}.example.com`);
    const targetsOf = (network: EcsAdvancedNetwork) =>
      allProps(Template.fromStack(Stack.of(network)), 'AWS::NetworkFirewall::RuleGroup')[0].RuleGroup.RulesSource.RulesSourceList.Targets.length;
    const own = targetsOf(build({ egressDomains: { ...FIREWALL, allowedDomains: domains(1) } }).network) - 1;
    const { network } = build({ egressDomains: { ...FIREWALL, allowedDomains: domains(499 - own) } });
    expect(network.node.validate()).toEqual([]);
    expect(targetsOf(network) * 2 + 2).toBe(1000);
    // one domain more: the service's, written twice (the same target), and its image's registry
    network.addService('web', { image: IMAGE, allowedDomains: ['one.example.org', 'ONE.example.org.'] });
    const count = 500 + registryDomains('public.ecr.aws/nginx/nginx:stable').length;
    expect(network.node.validate().join('\n')).toMatch(new RegExp(`\`egressDomains.allowedDomains\` holds with the network's and the services' domains ${count} domains, over the 499 .*wildcard`));
  });

  test('a service\'s allowedDomains need the network\'s egressDomains, and are checked', () => {
    const { network } = build({});
    expect(() => network.addService('web', { image: IMAGE, allowedDomains: ['example.com'] }))
      .toThrow(/`web.allowedDomains` widens the network's `egressDomains`, which is not set/);
    const { network: filtered } = build({ egressDomains: { allowedDomains: ['example.com'], blockResponse: DnsBlockResponse.NODATA } });
    expect(() => filtered.addService('web', { image: ecs.ContainerImage.fromRegistry('nginx'), allowedDomains: ['-x-'] }))
      .toThrow(/`web.allowedDomains\[0\]` must be a DNS name/);
  });
});

describe('the registries of images and the firewall subnets (pure)', () => {
  test.each([
    ['nginx', ['registry-1.docker.io', 'auth.docker.io', 'production.cloudflare.docker.com']],
    ['public.ecr.aws/nginx/nginx:stable', ['public.ecr.aws', '*.cloudfront.net']],
    ['ghcr.io/org/app:1', ['ghcr.io']],
    ['123456789012.dkr.ecr.us-west-2.amazonaws.com/app:1', [
      '123456789012.dkr.ecr.us-west-2.amazonaws.com', 'api.ecr.us-west-2.amazonaws.com', 'prod-us-west-2-starport-layer-bucket.s3.us-west-2.amazonaws.com',
    ]],
  ])('%s is pulled from %j', (image, domains) => {
    expect(registryDomains(image)).toEqual(domains);
  });

  test('firewall subnets are /28 blocks counted down from the end of the VPC block', () => {
    expect(firewallSubnetBlocks('10.1.0.0/16', 3)).toEqual(['10.1.255.240/28', '10.1.255.224/28', '10.1.255.208/28']);
    expect(networkFirewallTarget('*.Example.com.')).toBe('.Example.com');
  });
});
