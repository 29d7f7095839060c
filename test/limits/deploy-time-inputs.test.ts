import { App, CfnParameter, Duration, Stack } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import * as acm from 'aws-cdk-lib/aws-certificatemanager';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import * as elbv2 from 'aws-cdk-lib/aws-elasticloadbalancingv2';
import * as kms from 'aws-cdk-lib/aws-kms';
import { Construct } from 'constructs';
import { Capacity, Discovery, EcsAdvancedNetwork, Egress, ElasticIps, RoutingOptions } from '../../src';
import { reportFileStem } from '../../src/report/network-report';
import { containerOf, IMAGE, newNetwork } from '../helpers/network';

/** Inputs that synthesized before and failed at deploy time: each is now a synth-time error (or a warning for a raisable quota). */

const route = (routing: RoutingOptions) => () => newNetwork().network.addService('web', { image: IMAGE, containerPort: 80, routing });

describe('listener-rule syntax the ALB refuses', () => {
  test('more than 5 wildcards in one rule', () => {
    expect(route({ pathPatterns: ['/a*/b*/c*/d*'], hostHeaders: ['*.x*.example.com'] })).toThrow(
      '`web.routing` must have at most 5 wildcards (`*`, `?`) in its rule (an ALB quota that cannot be raised), got: "6 wildcards". ' +
      'Use fewer, broader patterns, or split the service\'s routes.');
  });

  test('a path with characters a path pattern does not accept', () => {
    expect(route({ pathPatterns: ['/search?q=%20'] })).toThrow(/^`web\.routing\.pathPatterns` must hold only the characters an ALB path pattern accepts .*got: "\/search\?q=%20"\. Leave out spaces/);
  });

  test('a header name that is no RFC 7230 token', () => {
    expect(route({ pathPatterns: ['/a/*'], httpHeaders: { 'x version': ['2'] } })).toThrow(
      '`web.routing.httpHeaders` must be an HTTP header name of 1 to 40 characters (RFC 7230 token characters: letters, digits and `!#$%&\'+.^_`|~-`, ' +
      'no wildcard), got: "x version". Use a header name such as `x-api-version`.');
  });

  test('the Host header as an HTTP-header condition', () => {
    expect(route({ pathPatterns: ['/a/*'], httpHeaders: { Host: ['a.example.com'] } })).toThrow(
      '`web.routing.httpHeaders` cannot be the `Host` header: the ALB refuses it in an HTTP-header condition (a host-header condition matches it), ' +
      'got: "Host". Use `web.routing.hostHeaders` instead.');
  });

  test('a header with no value', () => {
    expect(route({ pathPatterns: ['/a/*'], httpHeaders: { 'x-v': [] } })).toThrow(
      '`web.routing.httpHeaders.x-v` must list at least one value, got: []. Give the values to match, or remove the header.');
  });

  test('a header value over 128 characters', () => {
    expect(route({ pathPatterns: ['/a/*'], httpHeaders: { 'x-v': ['v'.repeat(129)] } })).toThrow(/^`web\.routing\.httpHeaders\.x-v` must hold values of 1 to 128 characters/);
  });

  test('5 wildcards and valid headers still work', () => {
    const { stack, network } = newNetwork();
    network.addService('web', { image: IMAGE, containerPort: 80, routing: { pathPatterns: ['/a*/b*/c*'], hostHeaders: ['*.x*.example.com'], httpHeaders: { 'x-api-version': ['2'] } } });
    Template.fromStack(stack).resourceCountIs('AWS::ElasticLoadBalancingV2::ListenerRule', 1);
  });
});

describe('health checks', () => {
  test.each(['100-199', '200-500', '302,600'])('codes %p outside 200-499', codes => {
    expect(route({ pathPatterns: ['/a/*'], healthCheck: { healthyHttpCodes: codes } })).toThrow(
      `\`web.routing.healthCheck.healthyHttpCodes\` must hold codes from 200 to 499 (what the target group accepts for HTTP health checks), got: "${codes}". Use for example \`200-299\` or \`200-399\`.`);
  });
});

describe('log retention', () => {
  test.each([
    ['logRetention', { logRetention: 45 }],
    ['flowLogs.retention', { flowLogs: { retention: 45 } }],
  ] as const)('`%s` of 45 days, which CloudWatch Logs does not accept', (prop, props) => {
    expect(() => newNetwork(props as any)).toThrow(new RegExp(`^\`${prop.replace('.', '\\.')}\` must be a retention period that CloudWatch Logs accepts, got: 45\\. Use a value of \`logs\\.RetentionDays\``));
  });

  test('a service\'s own retention of 45 days', () => {
    expect(() => newNetwork().network.addService('web', { image: IMAGE, logRetention: 45 as any })).toThrow(/^`web\.logRetention` must be a retention period that CloudWatch Logs accepts, got: 45\./);
  });
});

describe('union-like classes from plain JavaScript', () => {
  test('a string where an Egress is expected', () => {
    expect(() => newNetwork({ egress: 'nat' as any })).toThrow('`egress` must be made by a factory of `Egress`, got: "nat". Use for example `Egress.natGatewayPerAz()`.');
  });

  test('an object where a Discovery is expected', () => {
    expect(() => newNetwork().network.addService('web', { image: IMAGE, containerPort: 80, discovery: { mode: 'serviceConnect' } as any }))
      .toThrow('`web.discovery` must be made by a factory of `Discovery`, got: "an object". Use for example `Discovery.serviceConnect()`.');
  });
});

describe('services', () => {
  // Amazon ECS Developer Guide, "AWS Fargate capacity providers": Linux tasks with the ARM64
  // architecture don't support the Fargate Spot capacity provider (X86_64 only)
  test('Fargate Spot with ARM64 is an error; a mix without Spot weight is not', () => {
    const { network } = newNetwork();
    expect(() => network.addService('web', { image: IMAGE, spot: true, cpuArchitecture: ecs.CpuArchitecture.ARM64 })).toThrow(
      '`web.spot` puts ARM64 tasks on Fargate Spot, which runs X86_64 tasks only, got: "Fargate Spot". ' +
      'Use `Capacity.fargate()` for ARM64 (Graviton) tasks, or set `cpuArchitecture` to X86_64 to use Spot.');
    expect(() => network.addService('mixed', { image: IMAGE, capacity: Capacity.fargateMix({ spotWeight: 2 }), cpuArchitecture: ecs.CpuArchitecture.ARM64 }))
      .toThrow('`mixed.capacity` puts ARM64 tasks on Fargate Spot, which runs X86_64 tasks only, got: "a Fargate mix with spotWeight 2".');
    expect(() => network.addService('on-demand', { image: IMAGE, capacity: Capacity.fargateMix({ spotWeight: 0 }), cpuArchitecture: ecs.CpuArchitecture.ARM64 }))
      .not.toThrow();
  });

  test('a variable that looks like a secret but is not: listed in nonSecretEnvironment, it stays plain', () => {
    const { stack, network } = newNetwork();
    const svc = network.addService('web', { image: IMAGE, environment: { PASSWORD_MIN_LENGTH: '12' }, nonSecretEnvironment: ['PASSWORD_MIN_LENGTH'] });
    expect(containerOf(Template.fromStack(stack), svc).Environment).toEqual([{ Name: 'PASSWORD_MIN_LENGTH', Value: '12' }]);
  });

  test('without nonSecretEnvironment, the error says how to keep it', () => {
    expect(() => newNetwork().network.addService('web', { image: IMAGE, environment: { TOKEN_ENDPOINT: 'https://x' } }))
      .toThrow(/got: "TOKEN_ENDPOINT"\. .*or, if it holds no secret, list it in `nonSecretEnvironment`\.$/);
  });

  test('nonSecretEnvironment naming a variable that environment lacks', () => {
    expect(() => newNetwork().network.addService('web', { image: IMAGE, environment: {}, nonSecretEnvironment: ['API_TOKEN'] }))
      .toThrow('`web.nonSecretEnvironment` must name variables of `environment`, got: ["API_TOKEN"]. Remove the names, or add the variables to `environment`.');
  });

  test('autoScale called twice', () => {
    const svc = newNetwork().network.addService('web', { image: IMAGE });
    svc.autoScale({ maxCapacity: 4 });
    expect(() => svc.autoScale({ maxCapacity: 8 })).toThrow(/^`web\.autoScale` can be called once per service \(a service has one scalable target\), got: "a second call"\./);
  });

  test('connectTo with what findService returned for an unknown name', () => {
    const { network } = newNetwork();
    const svc = network.addService('web', { image: IMAGE });
    expect(() => svc.connectTo(network.findService('nope')!)).toThrow(
      '`web.connectsTo` must name a service of the network, got: undefined. Pass a service that `addService()` returned; `findService()` returns undefined for a name the network does not have.');
  });

  test('perRequestTimeout on a TCP Service Connect endpoint', () => {
    expect(() => newNetwork().network.addService('web', { image: IMAGE, containerPort: 80, discovery: Discovery.serviceConnect({ perRequestTimeout: Duration.seconds(5) }) }))
      .toThrow('`web.discovery.perRequestTimeout` only applies to HTTP, HTTP/2 and gRPC endpoints, got: "appProtocol TCP (none)". Set `appProtocol` to `ecs.AppProtocol.http`, `http2` or `grpc`, or remove `perRequestTimeout`.');
  });

  test('perRequestTimeout on an HTTP endpoint works', () => {
    const { network } = newNetwork();
    expect(() => network.addService('web', { image: IMAGE, containerPort: 80, discovery: Discovery.serviceConnect({ appProtocol: ecs.AppProtocol.http, perRequestTimeout: Duration.seconds(5) }) })).not.toThrow();
  });
});

describe('network', () => {
  test('an empty ingressPeers list admits nobody', () => {
    expect(() => newNetwork({ loadBalancer: { ingressPeers: [] } })).toThrow(
      '`loadBalancer.ingressPeers` must admit at least one peer: an empty list lets no client reach the listeners, got: []. ' +
      'List the CIDR ranges or security groups of the clients, or leave `ingressPeers` out for the default.');
  });

  test('two networks with one namespace name in one VPC', () => {
    const stack = new Stack(new App(), 'Stack');
    const vpc = new ec2.Vpc(stack, 'Vpc', { maxAzs: 2 });
    new EcsAdvancedNetwork(stack, 'A', { vpc, namespaceName: 'shop.internal', loadBalancer: { internetFacing: false } });
    expect(() => new EcsAdvancedNetwork(stack, 'B', { vpc, namespaceName: 'shop.internal', loadBalancer: { internetFacing: false } })).toThrow(
      '`namespaceName` is the namespace of network `Stack/A` in the same VPC already, and a VPC cannot hold two private DNS namespaces of one name, got: "shop.internal". Give each network in the VPC its own `namespaceName`.');
    expect(() => new EcsAdvancedNetwork(stack, 'C', { vpc, namespaceName: 'other.internal', loadBalancer: { internetFacing: false } })).not.toThrow();
  });

  test('more NAT gateways than the default Elastic IP quota: a warning names the quota', () => {
    const azs = ['a', 'b', 'c', 'd', 'e', 'f'].map(z => `us-east-1${z}`);
    const stack = new Stack(new App(), 'Stack', { env: { account: '123456789012', region: 'us-east-1' } });
    stack.node.setContext('availability-zones:account=123456789012:region=us-east-1', azs);
    const network = new EcsAdvancedNetwork(stack, 'Network', { maxAzs: 6, monitoring: { enabled: false } });
    Annotations.fromStack(stack).hasWarning(`/${network.node.path}`, Match.stringLikeRegexp(
      '^The network has 6 Elastic IP addresses \\(one per NAT gateway and per Availability Zone of an internet-facing Network Load Balancer with ' +
      '`ElasticIps.allocate\\(\\)`\\), 1 over the default quota "EC2-VPC Elastic IPs \\(L-0263D0A3\\)" of 5'));
  });

  test('the Elastic IP quota counts the addresses of the Network Load Balancers with the NAT gateways\'', () => {
    const stack = new Stack(new App(), 'Stack');
    const network = new EcsAdvancedNetwork(stack, 'Network', {
      monitoring: { enabled: false },
      networkLoadBalancers: [{ name: 'edge', elasticIps: ElasticIps.allocate() }, { name: 'partners', elasticIps: ElasticIps.allocate() }],
    });
    // 2 NAT gateways and 2 x 2 load balancer nodes
    Annotations.fromStack(stack).hasWarning(`/${network.node.path}`, Match.stringLikeRegexp('^The network has 6 Elastic IP addresses .*1 over the default quota'));
    const given = new Stack(new App(), 'Given');
    const fixed = new EcsAdvancedNetwork(given, 'Network', {
      monitoring: { enabled: false },
      networkLoadBalancers: [{ name: 'edge', elasticIps: ElasticIps.fromAllocationIds(['eipalloc-0123456789abcdef0', 'eipalloc-0123456789abcdef1']) }],
      egress: Egress.natGatewayPerAz({ eipAllocationIds: ['eipalloc-1234abcd', 'eipalloc-5678abcd'] }),
    });
    // addresses allocated already are not new ones
    expect(Annotations.fromStack(given).findWarning(`/${fixed.node.path}`, Match.stringLikeRegexp('Elastic IP'))).toHaveLength(0);
  });

  test('a KMS key of another region', () => {
    const stack = new Stack(new App(), 'Stack', { env: { account: '123456789012', region: 'us-east-1' } });
    const key = kms.Key.fromKeyArn(stack, 'Key', 'arn:aws:kms:eu-west-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab');
    expect(() => new EcsAdvancedNetwork(stack, 'Network', { logsEncryptionKey: key })).toThrow(
      '`logsEncryptionKey` must be in the region of the stack (us-east-1): AWS does not use it across regions, got: "eu-west-1". Use a KMS key of the stack\'s region (CloudWatch Logs encrypts with keys of its own region only).');
  });

  test('a certificate of another region', () => {
    const stack = new Stack(new App(), 'Stack', { env: { account: '123456789012', region: 'us-east-1' } });
    const certificate = acm.Certificate.fromCertificateArn(stack, 'Cert', 'arn:aws:acm:eu-west-1:123456789012:certificate/abc');
    expect(() => new EcsAdvancedNetwork(stack, 'Network', { loadBalancer: { certificate } })).toThrow(/^`loadBalancer\.certificate` must be in the region of the stack \(us-east-1\)/);
  });

  // a load balancer takes certificates and trust stores of its own region only (Elastic Load Balancing
  // User Guide, "SSL certificates" and "Mutual authentication with TLS")
  test('the siblings of loadBalancer.certificate: internal, additional and NLB certificates, trust stores', () => {
    const stack = new Stack(new App(), 'Stack', { env: { account: '123456789012', region: 'us-east-1' } });
    const here = acm.Certificate.fromCertificateArn(stack, 'Here', 'arn:aws:acm:us-east-1:123456789012:certificate/abc');
    const there = acm.Certificate.fromCertificateArn(stack, 'There', 'arn:aws:acm:eu-west-1:123456789012:certificate/abc');
    const message = (prop: string) => `\`${prop}\` must be in the region of the stack (us-east-1): AWS does not use it across regions, got: "eu-west-1". ` +
      'Use an ACM certificate of the stack\'s region (a load balancer takes certificates of its own region only).';
    const network = (props: object) => () => new EcsAdvancedNetwork(new Construct(stack, `N${stack.node.children.length}`), 'Network', { monitoring: { enabled: false }, ...props });
    expect(network({ internalLoadBalancer: { certificate: there } })).toThrow(message('internalLoadBalancer.certificate'));
    expect(network({ loadBalancer: { certificate: here, additionalCertificates: [here, there] } })).toThrow(message('loadBalancer.additionalCertificates[1]'));
    expect(network({ internalLoadBalancer: { certificate: here, additionalCertificates: [there] } })).toThrow(message('internalLoadBalancer.additionalCertificates[0]'));
    const trustStore = elbv2.TrustStore.fromTrustStoreArn(stack, 'Trust', 'arn:aws:elasticloadbalancing:eu-west-1:123456789012:truststore/clients/0123456789abcdef');
    expect(network({ loadBalancer: { certificate: here, mutualTls: { trustStore } } })).toThrow(
      '`loadBalancer.mutualTls.trustStore` must be in the region of the stack (us-east-1): AWS does not use it across regions, got: "eu-west-1". ' +
      'Use a trust store of the stack\'s region (a load balancer verifies clients against trust stores of its own region only).');
    const withNlb = new EcsAdvancedNetwork(new Construct(stack, 'Nlb'), 'Network', { monitoring: { enabled: false }, networkLoadBalancers: [{ name: 'edge' }] });
    expect(() => withNlb.addService('tls', { image: IMAGE, containerPort: 8443, networkListeners: [{ loadBalancer: 'edge', port: 443, protocol: elbv2.Protocol.TLS, certificate: there }] }))
      .toThrow(message('tls.networkListeners[0].certificate'));
  });
});

describe('monitoring', () => {
  test('a threshold that is not finite', () => {
    expect(() => newNetwork({ monitoring: { target5xxCount: Infinity } })).toThrow('`monitoring.target5xxCount` must be a finite number, got: Infinity.');
  });

  test('an evaluation window over one day for the 5-minute rejected-flows alarm', () => {
    expect(() => newNetwork({ monitoring: { evaluationPeriods: 289 } })).toThrow(
      '`monitoring.evaluationPeriods` must be at most 288: the rejected-flows alarm evaluates 5-minute periods, and CloudWatch refuses an evaluation window over one day, got: 289. Use at most 288.');
    expect(() => newNetwork({ monitoring: { evaluationPeriods: 288 } })).not.toThrow();
  });
});

describe('names', () => {
  test('a report file name stays within 255 bytes for a very long construct path', () => {
    const stack = new Stack(new App(), 'Stack');
    const deep = new EcsAdvancedNetwork(stack, 'N'.repeat(300), { loadBalancer: { enabled: false }, namespaceName: 'deep.internal' });
    const stem = reportFileStem(deep);
    expect(stem.length + '.json'.length).toBeLessThanOrEqual(255);
    expect(stem).toMatch(/^Stack-N+~[0-9a-f]{8}-network-report$/);
    expect(reportFileStem(new EcsAdvancedNetwork(stack, 'Short', { loadBalancer: { enabled: false } }))).toBe('Stack-Short-network-report');
  });
});

describe('tokens', () => {
  test('a desired count from a stack parameter synthesizes and is never printed as a number in the report', () => {
    const { stack, network } = newNetwork();
    const count = new CfnParameter(stack, 'Count', { type: 'Number', default: 2 });
    network.addService('web', { image: IMAGE, desiredCount: count.valueAsNumber });
    expect(Template.fromStack(stack).findResources('AWS::ECS::Service')).toBeDefined();
    const report = network.report();
    const line = report.cost.lines.find(l => l.item.startsWith('service web'))!;
    expect(line).toMatchObject({ item: 'service web', quantity: 'task size or desired count resolved at deploy time: not estimated', monthlyUsd: 0 });
    // a token number renders as -1.8881545897087626e+289 wherever it is printed
    expect(report.json).not.toMatch(/\d\.\d+e[+-]?\d+/);
    expect(report.markdown).not.toMatch(/\d\.\d+e[+-]?\d+/);
  });
});

describe('names AWS rejects or that collide', () => {
  test.each(['shop production', 'a'.repeat(256), ''])('cluster name %p', name => {
    expect(() => newNetwork({ clusterName: name })).toThrow(new RegExp('^`clusterName` must have 1 to 255 letters, digits, hyphens and underscores \\(what ECS accepts\\)'));
  });

  test('two networks whose paths read alike once `/` becomes `-` would share alarm names', () => {
    const stack = new Stack(new App(), 'Stack');
    new EcsAdvancedNetwork(new Construct(stack, 'A'), 'Network', { loadBalancer: { enabled: false } });
    expect(() => new EcsAdvancedNetwork(stack, 'A-Network', { loadBalancer: { enabled: false }, namespaceName: 'b.internal' })).toThrow(
      '`Stack/A-Network` would name its alarms and saved queries `Stack-A-Network-...` like network `Stack/A/Network` does, got: "A-Network". ' +
      'Give one of the networks a construct id (or parent) that differs once `/` reads as `-`.');
  });

  test('alarm and saved-query names of a very long network path stay within 255 characters and distinct', () => {
    const stack = new Stack(new App(), 'Stack');
    const network = new EcsAdvancedNetwork(stack, 'N'.repeat(300), { namespaceName: 'long.internal' });
    network.addService('web', { image: IMAGE, containerPort: 80, routing: { pathPatterns: ['/*'] } });
    const t = Template.fromStack(stack);
    const alarmNames = Object.values(t.findResources('AWS::CloudWatch::Alarm')).map((r: any) => r.Properties.AlarmName as string);
    const queryNames = Object.values(t.findResources('AWS::Logs::QueryDefinition')).map((r: any) => r.Properties.Name as string);
    for (const names of [alarmNames, queryNames]) {
      expect(names.length).toBeGreaterThan(0);
      names.forEach(n => expect(n.length).toBeLessThanOrEqual(255));
      expect(new Set(names).size).toBe(names.length);
    }
    expect(alarmNames).toContainEqual(expect.stringMatching(/~[0-9a-f]{8}web-Target5xx$/));
  });
});

describe('addresses in the task subnets', () => {
  // a /28 has 16 addresses, 11 usable: 5 are AWS's
  const tiny = { ipAddresses: ec2.IpAddresses.cidr('10.0.0.0/24'), subnets: { publicCidrMask: 28, privateCidrMask: 28 } };

  test('more tasks at their peak than the task subnets have addresses', () => {
    const { network } = newNetwork(tiny);
    // 3 services x 4 tasks x 200% during a deployment = 24 tasks, 12 per zone
    for (const name of ['a', 'b', 'c']) network.addService(name, { image: IMAGE, desiredCount: 4 });
    expect(() => Template.fromStack(Stack.of(network))).toThrow(
      '`subnets.privateCidrMask` leaves 11 free addresses per Availability Zone for tasks, but the services run up to 24 tasks at once ' +
      '(12 per zone: desired or scaled counts times `maxHealthyPercent` during a deployment, one network interface each), got: "11 free addresses per zone". ' +
      'Use larger task subnets (for a new VPC, a smaller `subnets.privateCidrMask`), more Availability Zones, or fewer tasks.');
  });

  test('auto scaling counts at its maximum', () => {
    const { network } = newNetwork(tiny);
    network.addService('a', { image: IMAGE, desiredCount: 2 }).autoScale({ maxCapacity: 12 });
    expect(() => Template.fromStack(Stack.of(network))).toThrow(/the services run up to 24 tasks at once/);
  });

  test('tasks that fit synthesize', () => {
    const { network } = newNetwork(tiny);
    for (const name of ['a', 'b']) network.addService(name, { image: IMAGE, desiredCount: 4 });
    expect(() => Template.fromStack(Stack.of(network))).not.toThrow();
  });
});

describe('images without NAT', () => {
  const repo = (region: string) => ecs.ContainerImage.fromRegistry(`123456789012.dkr.ecr.${region}.amazonaws.com/web:1`);
  const endpointsOnly = () => newNetwork({ egress: Egress.endpointsOnly() }, new Stack(new App(), 'Stack', { env: { account: '123456789012', region: 'us-east-1' } }));

  test('an ECR image of another region cannot be pulled through the VPC endpoints', () => {
    expect(() => endpointsOnly().network.addService('web', { image: repo('eu-west-1') })).toThrow(
      '`web.image` must come from Amazon ECR in the stack\'s region (us-east-1): the tasks have no NAT route, and the VPC endpoints reach ECR of their own region only, ' +
      'got: "123456789012.dkr.ecr.eu-west-1.amazonaws.com/web:1". Replicate the repository to the stack\'s region (ECR replication) and use that image, or choose an egress with NAT.');
  });

  test('an ECR image of the stack\'s region is fine', () => {
    expect(() => endpointsOnly().network.addService('web', { image: repo('us-east-1') })).not.toThrow();
  });
});

describe('a service that cannot join changes nothing (review findings)', () => {
  test('a catch-all route refused for its discovery name leaves the listener default action alone', () => {
    const { stack, network } = newNetwork();
    network.addService('a', { image: IMAGE, containerPort: 80 });
    expect(() => network.addService('e', { image: IMAGE, containerPort: 80, routing: { pathPatterns: ['/*'] }, discovery: Discovery.serviceConnect({ discoveryName: 'a' }) }))
      .toThrow(/`e\.discovery\.discoveryName` is used by service `a` already/);
    // the same route can be added again by a service that can join, and the default action forwards to it
    const e = network.addService('e', { image: IMAGE, containerPort: 80, routing: { pathPatterns: ['/*'] } });
    const listener = Object.values(Template.fromStack(stack).findResources('AWS::ElasticLoadBalancingV2::Listener'))[0] as any;
    expect(listener.Properties.DefaultActions).toEqual([{ Type: 'forward', TargetGroupArn: { Ref: stack.getLogicalId(e.targetGroup!.node.defaultChild as any) } }]);
  });

  test('an explicit priority of a refused service stays free', () => {
    const { network } = newNetwork();
    network.addService('a', { image: IMAGE, containerPort: 80 });
    expect(() => network.addService('f', { image: IMAGE, containerPort: 80, routing: { pathPatterns: ['/f/*'], priority: 5 }, connectsTo: ['f'] }))
      .toThrow(/`f\.connectsTo` must not name the service itself/);
    expect(network.findService('f')).toBeUndefined();
    expect(network.services).toHaveLength(1);
    expect(network.addService('f', { image: IMAGE, containerPort: 80, routing: { pathPatterns: ['/f/*'], priority: 5 } }).priority).toBe(5);
  });

  test('a construct of the user under the network with the name of a refused service survives', () => {
    const { network } = newNetwork();
    const own = new Construct(network, 'api');
    expect(() => network.addService('api', { image: IMAGE })).toThrow();
    expect(network.node.tryFindChild('api')).toBe(own);
  });
});

describe('names that are unique per account and region (review findings)', () => {
  test('the same stack name in two regions of one app is fine', () => {
    const app = new App();
    for (const region of ['us-east-1', 'eu-west-1']) {
      const stack = new Stack(app, `Shop-${region}`, { stackName: 'shop', env: { account: '123456789012', region } });
      new EcsAdvancedNetwork(stack, 'Network', { loadBalancer: { enabled: false } });
    }
    expect(() => app.synth()).not.toThrow();
  });

  test('two networks on VPCs that Vpc.fromLookup() has not looked up yet (the placeholder) are fine', () => {
    const app = new App();
    for (const region of ['us-east-1', 'eu-west-1']) {
      const stack = new Stack(app, `S-${region}`, { env: { account: '123456789012', region } });
      const vpc = ec2.Vpc.fromLookup(stack, 'Vpc', { vpcId: 'vpc-0abc' });
      expect(() => new EcsAdvancedNetwork(stack, 'Network', { vpc, loadBalancer: { internetFacing: false } })).not.toThrow();
    }
  });
});

describe('the template check runs after every stack with a network (review finding)', () => {
  test('a network in a stack created after the first network is checked too', () => {
    const app = new App();
    new EcsAdvancedNetwork(new Stack(app, 'A'), 'Network', { loadBalancer: { enabled: false } });
    const b = new Stack(app, 'B');
    const net = new EcsAdvancedNetwork(b, 'Network', { loadBalancer: { enabled: false }, monitoring: { enabled: false } });
    for (let i = 0; i < 20; i++) net.addService(`s${i}`, { image: IMAGE, environment: { CONFIG: 'x'.repeat(60_000) } });
    expect(() => app.synth()).toThrow(/Stack B \(B\.template\.json\) has 1\d{6} bytes/);
  });
});

describe('host names the ALB refuses (review finding)', () => {
  test.each(['localhost', 'api.example.*', 'example.com1'])('%p', host => {
    expect(route({ hostHeaders: [host] })).toThrow(new RegExp('^`web\\.routing\\.hostHeaders` must hold host names with at least one `\\.` and only letters after the last one'));
  });
});
