import { App, Stack } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as ecr from 'aws-cdk-lib/aws-ecr';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import * as elbv2 from 'aws-cdk-lib/aws-elasticloadbalancingv2';
import { agnosticStack, importVpc } from './fixtures';
import { Egress, EcsAdvancedNetwork, EcsAdvancedNetworkProps, IpStack, IpStackKind, TaskEgress } from '../../src';

const PUBLIC_IMAGE = ecs.ContainerImage.fromRegistry('public.ecr.aws/nginx/nginx:stable');
const DUAL_STACK_IMAGE = ecs.ContainerImage.fromRegistry('123456789012.dkr-ecr.us-east-1.on.aws/web:1.0');

/** A network with one routed service `web`, and the template. */
function build(props: EcsAdvancedNetworkProps, image: ecs.ContainerImage = DUAL_STACK_IMAGE) {
  const stack = agnosticStack();
  const network = new EcsAdvancedNetwork(stack, 'Network', props);
  network.addService('web', { image, containerPort: 8080, routing: { pathPatterns: ['/*'] } });
  return { stack, network, template: Template.fromStack(stack) };
}

/** Every egress rule, inline or standalone, whose description matches. */
/** The ingress CIDRs (IPv4 or IPv6) of the load balancer's security group. */
function lbIngress(template: Template, network: EcsAdvancedNetwork): unknown[] {
  const sg = network.loadBalancer!.connections.securityGroups[0].node.defaultChild as ec2.CfnSecurityGroup;
  return template.toJSON().Resources[Stack.of(network).getLogicalId(sg)].Properties.SecurityGroupIngress.map((r: any) => r.CidrIp ?? r.CidrIpv6);
}

function egressOf(template: Template, description: RegExp): any[] {
  const inline = Object.values(template.findResources('AWS::EC2::SecurityGroup')).flatMap(r => r.Properties.SecurityGroupEgress ?? []);
  const standalone = Object.values(template.findResources('AWS::EC2::SecurityGroupEgress')).map(r => r.Properties);
  return [...inline, ...standalone].filter(p => description.test(p.Description));
}

describe('IpStack.ipv4Only()', () => {
  test('is the default: no IPv6 block, no egress-only internet gateway, an ipv4 load balancer', () => {
    const { template, network } = build({}, ecs.ContainerImage.fromRegistry('public.ecr.aws/nginx/nginx:stable'));
    expect(network.ipStack.kind).toBe(IpStackKind.IPV4_ONLY);
    template.resourceCountIs('AWS::EC2::VPCCidrBlock', 0);
    template.resourceCountIs('AWS::EC2::EgressOnlyInternetGateway', 0);
    template.hasResourceProperties('AWS::ElasticLoadBalancingV2::LoadBalancer', { IpAddressType: Match.absent() });
    expect(egressOf(template, /IPv6/)).toHaveLength(0);
  });
});

describe('IpStack.dualStack()', () => {
  const { template, network } = build({ ipStack: IpStack.dualStack() }, ecs.ContainerImage.fromRegistry('public.ecr.aws/nginx/nginx:stable'));

  test('an Amazon-provided IPv6 block, a /64 in every subnet, no address assigned on launch', () => {
    template.hasResourceProperties('AWS::EC2::VPCCidrBlock', { AmazonProvidedIpv6CidrBlock: true });
    const subnets = Object.values(template.findResources('AWS::EC2::Subnet')).map(r => r.Properties);
    expect(subnets).toHaveLength(4);
    expect(subnets.every(s => s.Ipv6CidrBlock !== undefined && s.MapPublicIpOnLaunch === false)).toBe(true);
    expect(subnets.map(s => s.AssignIpv6AddressOnCreation)).toEqual([false, false, false, false]);
  });

  test('the private subnets route ::/0 to an egress-only internet gateway, IPv4 still through NAT', () => {
    template.resourceCountIs('AWS::EC2::EgressOnlyInternetGateway', 1);
    const eigwRoutes = template.findResources('AWS::EC2::Route', {
      Properties: { DestinationIpv6CidrBlock: '::/0', EgressOnlyInternetGatewayId: Match.anyValue() },
    });
    expect(Object.keys(eigwRoutes)).toHaveLength(2);
    template.resourceCountIs('AWS::EC2::NatGateway', 2);
  });

  test('the load balancer is dual-stack and admits any IPv4 and any IPv6 address', () => {
    const lb = Object.values(template.findResources('AWS::ElasticLoadBalancingV2::LoadBalancer'))[0].Properties;
    expect(lb.IpAddressType).toBe('dualstack');
    expect(lbIngress(template, network)).toEqual(['0.0.0.0/0', '::/0']);
  });

  test('tasks let HTTPS out over IPv6 too, and target groups stay IPv4', () => {
    expect(egressOf(template, /IPv6/)).toEqual([expect.objectContaining({ CidrIpv6: '::/0', FromPort: 443, ToPort: 443 })]);
    template.hasResourceProperties('AWS::ElasticLoadBalancingV2::TargetGroup', { IpAddressType: Match.absent() });
  });

  test('the report marks the IPv6 edges', () => {
    const report = network.report();
    expect(report.reachability.filter(e => /IPv6/.test(e.source + e.destination)).map(e => [e.kind, e.source, e.destination, e.port])).toEqual([
      ['ingress', 'internet (IPv6)', 'load balancer', 'TCP 80'],
      ['egress', 'web', 'internet (IPv6)', 'TCP 443'],
    ]);
    expect(report.egress).toBe('one NAT gateway per Availability Zone; dual-stack (IPv4 and IPv6), IPv6 through the egress-only internet gateway');
    expect(report.cost.lines.map(l => [l.item, l.monthlyUsd])).toContainEqual(['egress-only internet gateway (IPv6; no hourly or processing charge)', 0]);
  });

  test('with an imported dual-stack ec2.Vpc', () => {
    const stack = agnosticStack();
    const vpc = new ec2.Vpc(stack, 'Existing', { ipProtocol: ec2.IpProtocol.DUAL_STACK, maxAzs: 2, restrictDefaultSecurityGroup: true });
    const imported = new EcsAdvancedNetwork(stack, 'Network', { vpc, ipStack: IpStack.dualStack() });
    expect(imported.ipStack.ipv6).toBe(true);
  });
});

describe('IpStack.ipv6OnlyTasks()', () => {
  const { template, network } = build({ ipStack: IpStack.ipv6OnlyTasks(), egress: Egress.endpointsOnly() });

  test('adds an IPv6-only subnet per AZ for the tasks, routed ::/0 to the egress-only internet gateway, no DNS64', () => {
    const v6 = Object.values(template.findResources('AWS::EC2::Subnet', { Properties: { Ipv6Native: true } })).map(r => r.Properties);
    expect(v6).toHaveLength(2);
    for (const s of v6) {
      expect(s).toEqual(expect.objectContaining({ AssignIpv6AddressOnCreation: false, EnableDns64: false, MapPublicIpOnLaunch: false }));
      expect(s.CidrBlock).toBeUndefined();
      expect(s.PrivateDnsNameOptionsOnLaunch.HostnameType).toBe('resource-name');
    }
    const subnetIds = Object.keys(template.findResources('AWS::EC2::Subnet', { Properties: { Ipv6Native: true } }));
    const service = Object.values(template.findResources('AWS::ECS::Service'))[0].Properties;
    expect(service.NetworkConfiguration.AwsvpcConfiguration.Subnets).toEqual(subnetIds.map(id => ({ Ref: id })));
    expect(service.NetworkConfiguration.AwsvpcConfiguration.AssignPublicIp).toBe('DISABLED');
    template.resourceCountIs('AWS::EC2::NatGateway', 0);
  });

  test('no Fargate interface endpoint (ECR\'s dual-stack endpoints do not work over PrivateLink)', () => {
    template.resourceCountIs('AWS::EC2::VPCEndpoint', 1); // the S3 gateway only
  });

  test('IPv6 target groups behind the dual-stack load balancer', () => {
    template.hasResourceProperties('AWS::ElasticLoadBalancingV2::TargetGroup', { IpAddressType: 'ipv6', TargetType: 'ip' });
    template.hasResourceProperties('AWS::ElasticLoadBalancingV2::LoadBalancer', { IpAddressType: 'dualstack' });
  });

  test('the execution role may pull the dual-stack ECR image', () => {
    const statements = Object.values(template.findResources('AWS::IAM::Policy')).flatMap(p => p.Properties.PolicyDocument.Statement);
    expect(statements).toContainEqual(expect.objectContaining({
      Action: ['ecr:BatchCheckLayerAvailability', 'ecr:BatchGetImage', 'ecr:GetDownloadUrlForLayer'],
      Resource: { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':ecr:us-east-1:123456789012:repository/web']] },
    }));
  });

  test('the report: IPv6-only task subnets, internet over IPv6 only, the current cost choice marked', () => {
    const report = network.report();
    expect(report.subnets.filter(s => s.subnetType === 'IPv6-only').map(s => s.purpose)).toEqual(['tasks', 'tasks']);
    expect(report.reachability.filter(e => e.kind === 'egress').map(e => e.destination)).toEqual(['internet (IPv6)']);
    expect(report.cost.egressChoices.find(c => c.current)?.description).toBe('IPv6-only tasks, egress-only internet gateway, no NAT');
  });

  test('nat64: DNS64 on the task subnets and 64:ff9b::/96 to the NAT gateway of each zone; any image', () => {
    const t = build({ ipStack: IpStack.ipv6OnlyTasks({ nat64: true }), egress: Egress.regionalNatGateway() },
      ecs.ContainerImage.fromRegistry('public.ecr.aws/nginx/nginx:stable')).template;
    const v6 = Object.values(t.findResources('AWS::EC2::Subnet', { Properties: { Ipv6Native: true } }));
    expect(v6.map(r => r.Properties.EnableDns64)).toEqual([true, true]);
    const nat64 = Object.values(t.findResources('AWS::EC2::Route', { Properties: { DestinationIpv6CidrBlock: '64:ff9b::/96' } }));
    expect(nat64).toHaveLength(2);
    expect(new Set(nat64.map(r => JSON.stringify(r.Properties.NatGatewayId))).size).toBe(1);
  });
});

describe('NAT64 with zonal NAT gateways', () => {
  test('each IPv6-only task subnet sends 64:ff9b::/96 to the NAT gateway of its own AZ', () => {
    const { template } = build({ ipStack: IpStack.ipv6OnlyTasks({ nat64: true }), egress: Egress.natGatewayPerAz() }, PUBLIC_IMAGE);
    const targets = Object.values(template.findResources('AWS::EC2::Route', { Properties: { DestinationIpv6CidrBlock: '64:ff9b::/96' } }))
      .map(r => r.Properties.NatGatewayId.Ref);
    expect(targets).toEqual([expect.stringMatching(/PublicSubnet1NATGateway/), expect.stringMatching(/PublicSubnet2NATGateway/)]);
  });
});

describe('IPv6 bad input', () => {
  test('IPv6 on an imported VPC without an IPv6 block', () => {
    const stack = agnosticStack();
    expect(() => new EcsAdvancedNetwork(stack, 'Network', { vpc: importVpc(stack), ipStack: IpStack.dualStack() })).toThrow(
      '`ipStack` needs a VPC with an IPv6 block, but the imported `vpc` has none that synthesis can see, got: "dual-stack (IPv4 and IPv6)". ' +
      'Bring an `ec2.Vpc` created with `ipProtocol: ec2.IpProtocol.DUAL_STACK` (a VPC imported by attributes or lookup carries no IPv6 block), or use `IpStack.ipv4Only()`.');
  });

  test('IPv6-only tasks on an imported VPC', () => {
    const stack = agnosticStack();
    expect(() => new EcsAdvancedNetwork(stack, 'Network', { vpc: importVpc(stack), ipStack: IpStack.ipv6OnlyTasks() })).toThrow(
      '`ipStack` cannot be `IpStack.ipv6OnlyTasks()` with an imported `vpc`: the network adds IPv6-only subnets only to a VPC it creates, got: "IPv6-only tasks". ' +
      'Leave `vpc` out so that the network creates a dual-stack VPC, or use `IpStack.dualStack()` with a dual-stack VPC.');
  });

  test('IPv6-only tasks with an image from a registry without IPv6, and no NAT64', () => {
    expect(() => build({ ipStack: IpStack.ipv6OnlyTasks() }, PUBLIC_IMAGE)).toThrow(
      '`web.image` cannot be pulled by IPv6-only tasks: only ECR\'s dual-stack endpoint serves images over IPv6 here, and without NAT64 no IPv4-only registry is reachable, ' +
      'got: "public.ecr.aws/nginx/nginx:stable". Use the image\'s ECR dual-stack URI, `ecs.ContainerImage.fromRegistry(\'<account>.dkr-ecr.<region>.on.aws/<repository>:<tag>\')` ' +
      '(ECR\'s dual-stack endpoints do not work over PrivateLink: the tasks reach them through the egress-only internet gateway), or `IpStack.ipv6OnlyTasks({ nat64: true })` with a NAT gateway egress.');
  });

  test('IPv6-only tasks with an ECR image named by its IPv4 URI, and no NAT64', () => {
    const stack = new Stack(new App(), 'S');
    const network = new EcsAdvancedNetwork(stack, 'Network', { ipStack: IpStack.ipv6OnlyTasks() });
    const repository = ecr.Repository.fromRepositoryName(stack, 'Repo', 'web');
    expect(() => network.addService('web', { image: ecs.ContainerImage.fromEcrRepository(repository), containerPort: 8080 })).toThrow(
      /^`web.image` cannot be pulled by IPv6-only tasks: it names ECR's IPv4-only endpoint .*, got: "an ECR image by its IPv4 URI"\./);
  });

  test('NAT64 without a NAT gateway', () => {
    expect(() => build({ ipStack: IpStack.ipv6OnlyTasks({ nat64: true }), egress: Egress.natInstances() })).toThrow(
      '`ipStack` uses NAT64, which needs a NAT gateway, got: "NAT instances". Choose `Egress.regionalNatGateway()`, `Egress.natGatewayPerAz()` or `Egress.singleNatGateway()`, ' +
      'or drop `nat64` and pull images through ECR\'s dual-stack endpoints.');
  });

  test('a dual-stack load balancer on an IPv4-only network', () => {
    expect(() => build({ loadBalancer: { ipAddressType: elbv2.IpAddressType.DUAL_STACK } })).toThrow(
      '`loadBalancer.ipAddressType` needs a network with IPv6, got: "dualstack". Set `ipStack: IpStack.dualStack()` (or bring a dual-stack VPC), or use `elbv2.IpAddressType.IPV4`.');
  });

  test('an internal load balancer dualstack-without-public-ipv4', () => {
    const loadBalancer = { internetFacing: false, ipAddressType: elbv2.IpAddressType.DUAL_STACK_WITHOUT_PUBLIC_IPV4 };
    expect(() => build({ ipStack: IpStack.dualStack(), loadBalancer })).toThrow(
      '`loadBalancer.ipAddressType` can be `dualstack-without-public-ipv4` only for an internet-facing load balancer (an internal one has no public address), ' +
      'got: "dualstack-without-public-ipv4". Use `elbv2.IpAddressType.DUAL_STACK` for an internal load balancer.');
  });

  test('IPv6-only tasks behind an ipv4 load balancer', () => {
    expect(() => build({ ipStack: IpStack.ipv6OnlyTasks(), loadBalancer: { ipAddressType: elbv2.IpAddressType.IPV4 } })).toThrow(
      '`loadBalancer.ipAddressType` must be dual-stack: IPv6-only tasks register in IPv6 target groups, which only a dual-stack load balancer has, got: "ipv4". ' +
      'Use `elbv2.IpAddressType.DUAL_STACK` or `DUAL_STACK_WITHOUT_PUBLIC_IPV4`, or leave `ipAddressType` out.');
  });
});

describe('loadBalancer.ipAddressType', () => {
  test('dualstack-without-public-ipv4: IPv6 clients only, and no public IPv4 address in the cost', () => {
    const { template, network } = build(
      { ipStack: IpStack.dualStack(), loadBalancer: { ipAddressType: elbv2.IpAddressType.DUAL_STACK_WITHOUT_PUBLIC_IPV4 } }, PUBLIC_IMAGE);
    template.hasResourceProperties('AWS::ElasticLoadBalancingV2::LoadBalancer', { IpAddressType: 'dualstack-without-public-ipv4' });
    expect(lbIngress(template, network)).toEqual(['::/0']);
    expect(network.report().cost.lines.map(l => l.item)).not.toContain('load balancer public IPv4 addresses (one per AZ at least)');
  });

  test('internal and dual-stack: the VPC\'s IPv4 and IPv6 blocks', () => {
    const { template, network } = build({ ipStack: IpStack.dualStack(), loadBalancer: { internetFacing: false } },
      ecs.ContainerImage.fromRegistry('public.ecr.aws/nginx/nginx:stable'));
    expect(lbIngress(template, network)).toEqual([
      '10.0.0.0/16', { 'Fn::Select': [0, { 'Fn::GetAtt': ['NetworkVpc7FB7348F', 'Ipv6CidrBlocks'] }] },
    ]);
  });
});

describe('network ACLs with IPv6', () => {
  test('every entry has its IPv6 twin, numbered after the IPv4 ones; IPv6-only task subnets take the private tier\'s ACL', () => {
    const { template } = build({ ipStack: IpStack.ipv6OnlyTasks(), egress: Egress.endpointsOnly(), networkAcls: { enabled: true } });
    const entries = Object.values(template.findResources('AWS::EC2::NetworkAclEntry')).map(r => r.Properties);
    const publicIn = entries.filter(e => !e.Egress && JSON.stringify(e.NetworkAclId).includes('PublicNetworkAcl'));
    expect(publicIn.map(e => [e.RuleNumber, e.CidrBlock ?? e.Ipv6CidrBlock, e.PortRange?.From ?? 'all'])).toEqual([
      [100, '10.0.0.0/16', 'all'], [110, '0.0.0.0/0', 80], [120, '0.0.0.0/0', 1024], [130, '0.0.0.0/0', 1024], [140, '0.0.0.0/0', 3390], [150, '0.0.0.0/0', 3390],
      [160, { 'Fn::Select': [0, { 'Fn::GetAtt': ['NetworkVpc7FB7348F', 'Ipv6CidrBlocks'] }] }, 'all'],
      [170, '::/0', 80], [180, '::/0', 1024], [190, '::/0', 1024], [200, '::/0', 3390], [210, '::/0', 3390],
    ]);
    const v6Subnets = Object.keys(template.findResources('AWS::EC2::Subnet', { Properties: { Ipv6Native: true } }));
    const associations = Object.values(template.findResources('AWS::EC2::SubnetNetworkAclAssociation')).map(r => r.Properties);
    for (const id of v6Subnets) {
      expect(associations).toContainEqual(expect.objectContaining({ SubnetId: { Ref: id }, NetworkAclId: { Ref: expect.stringMatching(/PrivateNetworkAcl/) } }));
    }
  });
});

describe('flow-log queries with IPv6', () => {
  test('a saved query of traffic from the VPC\'s IPv6 block to the internet; none in an IPv4-only VPC', () => {
    const { network, template } = build({ ipStack: IpStack.dualStack() }, PUBLIC_IMAGE);
    expect(network.monitoring?.internetOverIpv6Query).toBeDefined();
    const query = Object.values(template.findResources('AWS::Logs::QueryDefinition'))
      .find(q => JSON.stringify(q.Properties.Name).includes('Traffic to the internet over IPv6'))!;
    const text = JSON.stringify(query.Properties.QueryString);
    expect(text).toContain('isIpv6InSubnet(srcAddr, \\"');
    expect(text).toContain('and not isIpv6InSubnet(dstAddr, \\"');
    expect(text).toContain('Ipv6CidrBlocks');
    expect(build({}, PUBLIC_IMAGE).network.monitoring?.internetOverIpv6Query).toBeUndefined();
  });
});

describe('IPv6 warnings and the report with unrestricted egress', () => {
  test('dual-stack warns that Fargate needs the dualStackIPv6 account setting; IPv6-only tasks do not', () => {
    const { stack } = build({ ipStack: IpStack.dualStack() }, PUBLIC_IMAGE);
    Annotations.fromStack(stack).hasWarning('/S/Network', Match.stringLikeRegexp('ecs-advanced-network:dualStackIPv6'));
    const v6 = build({ ipStack: IpStack.ipv6OnlyTasks(), egress: Egress.endpointsOnly() });
    expect(Annotations.fromStack(v6.stack).findWarning('*', Match.stringLikeRegexp('dualStackIPv6'))).toHaveLength(0);
  });

  test('TaskEgress.allowAll(): the IPv6 edge is its own row', () => {
    const { network } = build({ ipStack: IpStack.dualStack(), taskEgress: TaskEgress.allowAll() }, PUBLIC_IMAGE);
    expect(network.report().reachability.filter(e => e.kind === 'egress').map(e => [e.source, e.destination, e.port])).toEqual([
      ['all tasks', 'internet', 'all'], ['all tasks', 'internet (IPv6)', 'all'],
    ]);
  });
});
