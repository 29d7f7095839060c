/**
 * The configurations the integration tests cover. Each builds a network into a stack; the
 * `integ.*.ts` apps wrap them in an `IntegTest` with deploy-time assertions, and the compliance
 * tests run cdk-nag over the same stacks.
 */
import * as path from 'path';
import { Aws, Duration, Size, Stack } from 'aws-cdk-lib';
import * as acm from 'aws-cdk-lib/aws-certificatemanager';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as ecr from 'aws-cdk-lib/aws-ecr';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import * as elbv2 from 'aws-cdk-lib/aws-elasticloadbalancingv2';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as route53 from 'aws-cdk-lib/aws-route53';
import * as targets from 'aws-cdk-lib/aws-route53-targets';
import { buildExampleNetwork, NGINX } from '../example/architecture';
import { Capacity, Discovery, DomainEnforcement, Egress, EcsAdvancedNetwork, ElasticIps, HostCertificates, IngressAccess, IpStack, LoadBalancerOptions, ServiceDeployment, WafMode } from '../src';

/** The AWS Distro for OpenTelemetry collector: OTLP on localhost:4317, its health on 13133, `/healthcheck` in the image. */
const OTEL_COLLECTOR = ecs.ContainerImage.fromRegistry('public.ecr.aws/aws-observability/aws-otel-collector:v0.43.1');
/**
 * A task that serves HTTPS itself, for the encrypted case: Caddy with a certificate of its own internal
 * CA (the load balancer does not verify the certificates of its targets), on 8443, as a non-root user
 * with a read-only root filesystem. `default_sni` answers the load balancer, which sends no SNI.
 */
const HTTPS_TASK = {
  image: ecs.ContainerImage.fromRegistry('public.ecr.aws/docker/library/caddy:2-alpine'),
  containerPort: 8443,
  user: '1000',
  writableDirectories: ['/tmp'],
  command: ['sh', '-c',
    'export XDG_DATA_HOME=/tmp/data XDG_CONFIG_HOME=/tmp/config && printf \'%s\\n\' \'{\' \'admin off\' \'skip_install_trust\' \'default_sni tasks.internal\' \'}\' ' +
    '\'https://tasks.internal:8443 {\' \'tls internal\' \'respond "ok" 200\' \'}\' > /tmp/Caddyfile ' +
    '&& exec caddy run --config /tmp/Caddyfile --adapter caddyfile'],
};

/** AWS for Fluent Bit, the log router of the tasks case. */
const FLUENT_BIT = ecs.ContainerImage.fromRegistry('public.ecr.aws/aws-observability/aws-for-fluent-bit:stable');

/**
 * The managed prefix list of Amazon S3 in us-east-1, the region the integration tests run in
 * (integ.config.json): `aws ec2 describe-prefix-lists --filters Name=prefix-list-name,Values=com.amazonaws.us-east-1.s3`.
 */
const S3_PREFIX_LIST_US_EAST_1 = 'pl-63a5400a';

/**
 * What a real run needs and what the snapshots use instead. Every case serves HTTPS (port 80
 * redirects to it, CT.ELASTICLOADBALANCING.PR.1), so a real run needs a certificate and a DNS name
 * under which the load balancer answers; see `integSettings()` in support.ts for where they come from.
 */
export interface IntegSettings {
  /**
   * True for a real run. The load balancer is then created without deletion protection, so that a
   * failed create can roll back and integ-runner can destroy the stack; the snapshots, which the
   * validators judge, keep the default (on).
   */
  readonly deploys: boolean;
  /** The domain of the public hosted zone, e.g. `integ.example.com`. Cases publish `<case>.<domain>` in it. */
  readonly domainName: string;
  /** The id of that hosted zone. */
  readonly hostedZoneId: string;
  /** An ACM certificate for `*.<domain>` in the region of the test. */
  readonly certificateArn: string;
}

/** Values that only synthesize: the snapshots and the compliance tests use them. */
export const PLACEHOLDER_SETTINGS: IntegSettings = {
  deploys: false,
  domainName: 'example.com',
  hostedZoneId: 'Z0000000000000EXAMPLE',
  certificateArn: 'arn:aws:acm:us-east-1:123456789012:certificate/00000000-0000-0000-0000-000000000000',
};

/** A case's network, and the HTTPS addresses it published for the assertions. */
export interface BuiltCase {
  readonly network: EcsAdvancedNetwork;
  /** `https://<name>.<domain>` for each name the case published, by name. */
  readonly urls: { readonly [name: string]: string };
}

/** One integration case. */
export interface IntegCase {
  /** The file name part: `integ.<name>.ts`. */
  readonly name: string;
  /** What the case proves. */
  readonly description: string;
  /** Builds the network into `stack`. */
  build(stack: Stack, settings: IntegSettings): BuiltCase;
}

/** The load balancer options every case shares: HTTPS with the test's certificate; destroyable in a real run. */
function https(stack: Stack, settings: IntegSettings): LoadBalancerOptions {
  return {
    certificate: acm.Certificate.fromCertificateArn(stack, 'Certificate', settings.certificateArn),
    ...(settings.deploys ? { deletionProtection: false } : {}),
  };
}

/** Publishes `<name>.<domain>` as an alias of the network's load balancer; returns the names' URLs. */
function publish(stack: Stack, settings: IntegSettings, network: EcsAdvancedNetwork, ...names: string[]): BuiltCase {
  const zone = route53.HostedZone.fromHostedZoneAttributes(stack, 'Zone', {
    hostedZoneId: settings.hostedZoneId,
    zoneName: settings.domainName,
  });
  const urls: { [name: string]: string } = {};
  for (const name of names) {
    new route53.ARecord(stack, `${name}Record`, {
      zone,
      recordName: name,
      target: route53.RecordTarget.fromAlias(new targets.LoadBalancerTarget(network.loadBalancer!)),
    });
    // a dual-stack load balancer answers IPv6 clients at the same name
    if (network.ipStack.ipv6) {
      new route53.AaaaRecord(stack, `${name}AaaaRecord`, {
        zone,
        recordName: name,
        target: route53.RecordTarget.fromAlias(new targets.LoadBalancerTarget(network.loadBalancer!)),
      });
    }
    urls[name] = `https://${name}.${settings.domainName}`;
  }
  return { network, urls };
}

export const CASES: IntegCase[] = [
  {
    name: 'default',
    description: 'the defaults (VPC, NAT per AZ, flow logs, S3 gateway, cluster, ALB, namespace) with the certificate every case carries',
    build: (stack, settings) => {
      const network = new EcsAdvancedNetwork(stack, 'Network', { loadBalancer: https(stack, settings) });
      return publish(stack, settings, network, 'default');
    },
  },
  {
    name: 'example',
    description: 'the bundled example: web at /*, api at /api/* calling orders through Service Connect',
    build: (stack, settings) => {
      const network = buildExampleNetwork(stack, 'Network', { loadBalancer: https(stack, settings) });
      return publish(stack, settings, network, 'example');
    },
  },
  {
    name: 'https-host-routing',
    description: 'HTTPS, HTTP redirected, host-based routing to two services',
    build: (stack, settings) => {
      const network = new EcsAdvancedNetwork(stack, 'Network', { loadBalancer: https(stack, settings) });
      network.addService('shop', {
        ...NGINX,
        routing: { hostHeaders: [`shop.${settings.domainName}`] },
      });
      network.addService('admin', {
        ...NGINX,
        routing: { hostHeaders: [`admin.${settings.domainName}`], pathPatterns: ['/*'] },
      });
      return publish(stack, settings, network, 'shop', 'admin', 'unrouted');
    },
  },
  {
    name: 'endpoints-only',
    description: 'no NAT: tasks in isolated subnets reach ECR, S3 and CloudWatch Logs through VPC endpoints',
    build: (stack, settings) => {
      const network = new EcsAdvancedNetwork(stack, 'Network', {
        egress: Egress.endpointsOnly(),
        loadBalancer: https(stack, settings),
      });
      // Without NAT the image must come from ECR in the same region: push the example image (`IMAGE` in example/architecture.ts) to a repository named `web` first.
      const repository = ecr.Repository.fromRepositoryName(stack, 'WebRepository', 'web');
      network.addService('web', {
        ...NGINX,
        image: ecs.ContainerImage.fromEcrRepository(repository, 'latest'),
        routing: { pathPatterns: ['/*'] },
      });
      return publish(stack, settings, network, 'endpoints-only');
    },
  },
  {
    name: 'single-nat',
    description: 'one NAT gateway for all AZs (cheaper egress, with a synth warning)',
    build: (stack, settings) => {
      const network = new EcsAdvancedNetwork(stack, 'Network', {
        egress: Egress.singleNatGateway(),
        loadBalancer: https(stack, settings),
      });
      network.addService('web', {
        ...NGINX,
        routing: { pathPatterns: ['/*'] },
      });
      return publish(stack, settings, network, 'single-nat');
    },
  },
  {
    name: 'egress-domains-dns',
    description: 'egress by domain through Route 53 Resolver DNS Firewall: the listed names, the network\'s own and the image registry resolve, every other name is blocked',
    build: (stack, settings) => {
      const network = new EcsAdvancedNetwork(stack, 'Network', {
        egressDomains: { allowedDomains: ['aws.amazon.com'] },
        loadBalancer: https(stack, settings),
      });
      network.addService('web', {
        ...NGINX,
        routing: { pathPatterns: ['/*'] },
        allowedDomains: ['checkip.amazonaws.com'],
      });
      return publish(stack, settings, network, 'egress-domains-dns');
    },
  },
  {
    name: 'egress-domains-firewall',
    description: 'egress by domain through AWS Network Firewall between NAT and the internet gateway, one firewall endpoint per AZ',
    build: (stack, settings) => {
      const network = new EcsAdvancedNetwork(stack, 'Network', {
        egressDomains: { allowedDomains: ['aws.amazon.com'], enforcement: DomainEnforcement.NETWORK_FIREWALL },
        loadBalancer: https(stack, settings),
      });
      network.addService('web', {
        ...NGINX,
        routing: { pathPatterns: ['/*'] },
        allowedDomains: ['checkip.amazonaws.com'],
      });
      return publish(stack, settings, network, 'egress-domains-firewall');
    },
  },
  {
    name: 'regional-nat',
    description: 'one Regional NAT gateway for every AZ: no NAT in the public subnets, each private subnet routed to it',
    build: (stack, settings) => {
      const network = new EcsAdvancedNetwork(stack, 'Network', {
        egress: Egress.regionalNatGateway(),
        loadBalancer: https(stack, settings),
      });
      network.addService('web', {
        ...NGINX,
        routing: { pathPatterns: ['/*'] },
      });
      return publish(stack, settings, network, 'regional-nat');
    },
  },
  {
    name: 'ipv6',
    description: 'IPv6-only tasks behind a dual-stack load balancer: an ECR dual-stack image, an egress-only internet gateway, no NAT',
    build: (stack, settings) => {
      const network = new EcsAdvancedNetwork(stack, 'Network', {
        ipStack: IpStack.ipv6OnlyTasks(),
        egress: Egress.endpointsOnly(),
        loadBalancer: https(stack, settings),
      });
      // pulled over IPv6 through ECR's dual-stack endpoint: push the example image to a repository named `web` first, as for `endpoints-only`
      network.addService('web', {
        ...NGINX,
        image: ecs.ContainerImage.fromRegistry(`${Aws.ACCOUNT_ID}.dkr-ecr.${Aws.REGION}.on.aws/web:latest`),
        routing: { pathPatterns: ['/*'] },
      });
      return publish(stack, settings, network, 'ipv6');
    },
  },
  {
    name: 'imported-vpc',
    description: 'the network built on an existing VPC',
    build: (stack, settings) => {
      const vpc = new ec2.Vpc(stack, 'ExistingVpc', {
        maxAzs: 2,
        natGateways: 1,
        restrictDefaultSecurityGroup: true,
        subnetConfiguration: [
          { name: 'Ingress', subnetType: ec2.SubnetType.PUBLIC, cidrMask: 24, mapPublicIpOnLaunch: false },
          { name: 'Application', subnetType: ec2.SubnetType.PRIVATE_WITH_EGRESS, cidrMask: 22 },
        ],
      });
      // flow logs are off by default for an imported VPC (its owner configures them): turn them on here
      const network = new EcsAdvancedNetwork(stack, 'Network', {
        vpc,
        flowLogs: { enabled: true },
        loadBalancer: https(stack, settings),
      });
      network.addService('web', {
        ...NGINX,
        routing: { pathPatterns: ['/*'] },
      });
      return publish(stack, settings, network, 'imported-vpc');
    },
  },
  {
    name: 'segmented',
    description: 'network ACLs on every tier; a service with internet egress on 443 only, a service with none; a declared call; endpoints',
    build: (stack, settings) => {
      const network = new EcsAdvancedNetwork(stack, 'Network', {
        networkAcls: { enabled: true },
        // the service without internet egress reaches ECR and CloudWatch Logs through interface endpoints
        endpoints: { fargateEndpoints: true },
        loadBalancer: https(stack, settings),
      });
      // no internet egress at all: its image comes from ECR in the region (push the example image to a
      // repository named `web` first, as for `endpoints-only`), its layers from S3 through the gateway
      const repository = ecr.Repository.fromRepositoryName(stack, 'WebRepository', 'web');
      network.addService('vault', {
        ...NGINX,
        image: ecs.ContainerImage.fromEcrRepository(repository, 'latest'),
        discovery: Discovery.cloudMap(),
        httpsEgress: false,
        egressTo: [{ prefixListId: S3_PREFIX_LIST_US_EAST_1, port: 443, description: 'S3 (image layers) through the gateway endpoint' }],
      });
      // internet egress on 443 only, and the one declared call to vault
      network.addService('web', {
        ...NGINX,
        routing: { pathPatterns: ['/*'] },
        connectsTo: ['vault'],
      });
      return publish(stack, settings, network, 'segmented');
    },
  },
  {
    name: 'internal-alb',
    description: 'an internal load balancer in the task subnets, reachable from the VPC only',
    build: (stack, settings) => {
      const network = new EcsAdvancedNetwork(stack, 'Network', {
        loadBalancer: { ...https(stack, settings), internetFacing: false },
      });
      network.addService('api', {
        ...NGINX,
        routing: { pathPatterns: ['/api/*'] },
      });
      // reachable from inside the VPC only: nothing to publish for assertions that run outside it
      return { network, urls: {} };
    },
  },
  {
    name: 'tasks',
    description: 'a task with an app container, a metrics sidecar on localhost and a log router, health checks and start conditions, ' +
      'a sidecar port routed separately, and a service on ECS Managed Instances that the app calls',
    build: (stack, settings) => {
      const network = new EcsAdvancedNetwork(stack, 'Network', { loadBalancer: https(stack, settings) });
      // on Managed Instances, in awsvpc mode: its own task interface and security group, as on Fargate
      network.addService('catalog', {
        ...NGINX,
        cpu: 512,
        memoryLimitMiB: 1024,
        capacity: Capacity.managedInstances({ instanceRequirements: { vCpuCountMin: 2, vCpuCountMax: 8, memoryMin: Size.gibibytes(4) } }),
      });
      network.addService('shop', {
        ...NGINX,
        cpu: 512,
        memoryLimitMiB: 1024,
        routing: { pathPatterns: ['/*'] },
        containerHealthCheck: { command: ['CMD-SHELL', 'curl -fs http://localhost:8080/ || exit 1'], startPeriod: Duration.seconds(15) },
        // the log router first, then the collector healthy, then the application
        dependsOn: [
          { containerName: 'log-router', condition: ecs.ContainerDependencyCondition.START },
          { containerName: 'metrics', condition: ecs.ContainerDependencyCondition.HEALTHY },
        ],
        sidecars: [
          { name: 'log-router', image: FLUENT_BIT, memoryLimitMiB: 128, user: '1000', writableDirectories: ['/tmp'] },
          {
            name: 'metrics',
            image: OTEL_COLLECTOR,
            memoryLimitMiB: 256,
            containerPorts: [4317],
            user: '10001',
            writableDirectories: ['/tmp'],
            healthCheck: { command: ['CMD', '/healthcheck'], interval: Duration.seconds(10), timeout: Duration.seconds(5), retries: 3, startPeriod: Duration.seconds(10) },
            dependsOn: [{ containerName: 'log-router' }],
          },
        ],
        // the collector's health endpoint behind its own target group and rule
        additionalPorts: [{
          name: 'collector',
          containerName: 'metrics',
          containerPort: 13133,
          routing: { pathPatterns: ['/collector/*'], healthCheck: { path: '/' } },
        }],
        connectsTo: ['catalog'],
      });
      return publish(stack, settings, network, 'tasks');
    },
  },
];

/** The address range of the partner that reaches the `nlb` case's TCP, TLS and UDP listeners (TEST-NET-2, RFC 5737). */
const PARTNER_CIDR = '198.51.100.0/24';

/** The routed services of `sharded-ingress`: more than one load balancer's 100 target groups. */
export const SHARDED_SERVICES = 101;

/** The hosted zone of the run, imported: records and certificate validation go into it. */
function publicZone(stack: Stack, settings: IntegSettings): route53.IHostedZone {
  return route53.HostedZone.fromHostedZoneAttributes(stack, 'Zone', { hostedZoneId: settings.hostedZoneId, zoneName: settings.domainName });
}

/** Destroyable in a real run (deletion protection off), default otherwise. */
function destroyable(settings: IntegSettings): LoadBalancerOptions {
  return settings.deploys ? { deletionProtection: false } : {};
}

CASES.push(
  {
    name: 'nlb',
    description: 'a TCP, a TLS and a UDP listener on an internet-facing Network Load Balancer with Elastic IPs, the ALB routes behind it, ' +
      'and an internal Network Load Balancer published as a VPC endpoint service',
    build: (stack, settings) => {
      const network = new EcsAdvancedNetwork(stack, 'Network', {
        loadBalancer: https(stack, settings),
        networkLoadBalancers: [
          // fixed addresses in front of the HTTPS routes: 443 from anywhere
          { ...destroyable(settings), name: 'web', elasticIps: ElasticIps.allocate(), forwardToApplicationLoadBalancer: IngressAccess.PUBLIC },
          // fixed addresses for TCP, TLS and UDP, from the partner's range only (a documentation range here)
          { ...destroyable(settings), name: 'edge', elasticIps: ElasticIps.allocate(), ingressPeers: [ec2.Peer.ipv4(PARTNER_CIDR)] },
          {
            ...destroyable(settings),
            name: 'partners',
            internetFacing: false,
            endpointService: { allowedPrincipals: [new iam.ArnPrincipal(`arn:${Aws.PARTITION}:iam::${Aws.ACCOUNT_ID}:root`)] },
          },
        ],
      });
      const certificate = acm.Certificate.fromCertificateArn(stack, 'TlsCertificate', settings.certificateArn);
      network.addService('web', { ...NGINX, routing: { pathPatterns: ['/*'] } });
      // plain TCP, and the same service over TLS that the load balancer terminates
      network.addService('tcp', {
        ...NGINX,
        networkListeners: [
          { loadBalancer: 'edge', port: 9000 },
          { loadBalancer: 'edge', port: 9443, protocol: elbv2.Protocol.TLS, certificate },
          { loadBalancer: 'partners', port: 9000 },
        ],
      });
      // UDP on 5353 of the task, its health checked over TCP on the task's HTTP port
      network.addService('udp', {
        ...NGINX,
        networkListeners: [{ loadBalancer: 'edge', port: 53, protocol: elbv2.Protocol.UDP, containerPort: 5353, healthCheck: { port: 8080 } }],
      });
      // `nlb.<domain>` resolves to the fixed addresses of `web`, which pass TLS through to the ALB's HTTPS listener
      new route53.ARecord(stack, 'nlbRecord', {
        zone: publicZone(stack, settings),
        recordName: 'nlb',
        target: route53.RecordTarget.fromAlias(new targets.LoadBalancerTarget(network.networkLoadBalancers[0].loadBalancer)),
      });
      return { network, urls: { nlb: `https://nlb.${settings.domainName}` } };
    },
  },
  {
    name: 'public-internal',
    description: 'an internet-facing and an internal load balancer in one network, with a public and a private hosted zone, requested certificates and alias records; ' +
      'shop calls admin through the internal load balancer',
    build: (stack, settings) => {
      const zone = publicZone(stack, settings);
      // split horizon: the private zone has the public zone's name, so that a host routed both ways
      // resolves to the internal load balancer inside the VPC and to the internet-facing one outside
      const privateZone = new route53.HostedZone(stack, 'PrivateZone', { zoneName: settings.domainName });
      const network = new EcsAdvancedNetwork(stack, 'Network', {
        loadBalancer: { ...destroyable(settings), hostedZone: zone },
        internalLoadBalancer: { ...destroyable(settings), hostedZone: privateZone },
      });
      privateZone.addVpc(network.vpc);
      // shop calls https://admin.<zone>: the private zone resolves it to the internal load balancer, which admits shop on 443
      network.addService('shop', { ...NGINX, routing: { hostHeaders: [`shop.${settings.domainName}`] }, callsInternalLoadBalancer: true });
      network.addService('admin', { ...NGINX, routing: { hostHeaders: [`admin.${settings.domainName}`], access: IngressAccess.INTERNAL } });
      network.addService('api', { ...NGINX, routing: { hostHeaders: [`api.${settings.domainName}`], access: IngressAccess.PUBLIC_AND_INTERNAL } });
      return {
        network,
        urls: { shop: `https://shop.${settings.domainName}`, api: `https://api.${settings.domainName}`, admin: `https://admin.${settings.domainName}` },
      };
    },
  },
  {
    name: 'sharded-ingress',
    description: `${SHARDED_SERVICES} routed services, one host each, over two internet-facing load balancers (90 new hosts each at most), ` +
      'the hosts sharing 20 certificates per load balancer',
    build: (stack, settings) => {
      const network = new EcsAdvancedNetwork(stack, 'Network', {
        // shared certificates: a certificate per host would fill a load balancer at 25 hosts (the SNI quota)
        loadBalancer: { ...destroyable(settings), hostedZone: publicZone(stack, settings), hostCertificates: HostCertificates.SHARED },
        // as a user commits it: which load balancer each host is on and the rule priorities, for good
        assignmentsFile: path.join(__dirname, 'sharded-ingress.assignments.json'),
        servicePlacement: { nestedStacks: 5 },
      });
      const urls: { [name: string]: string } = {};
      for (let i = 0; i < SHARDED_SERVICES; i++) {
        network.addService(`s${i}`, { ...NGINX, desiredCount: 2, routing: { hostHeaders: [`s${i}.${settings.domainName}`] } });
        urls[`s${i}`] = `https://s${i}.${settings.domainName}`;
      }
      return { network, urls };
    },
  },
  {
    name: 'encrypted',
    description: 'encryption in transit required: HTTPS at the edge, HTTPS from the load balancer to the tasks, ' +
      'and Service Connect TLS between two services with a Private CA in short-lived certificate mode that the network creates',
    build: (stack, settings) => {
      const network = new EcsAdvancedNetwork(stack, 'Network', {
        loadBalancer: https(stack, settings),
        encryptionInTransit: { required: true },
      });
      // orders serves plain HTTP on its port: its Service Connect proxy ends TLS in front of it
      network.addService('orders', { ...NGINX });
      // web serves HTTPS to the load balancer and calls orders over Service Connect TLS; it publishes no
      // Service Connect endpoint, since a proxy would send plain HTTP to its TLS port (containers-roadmap #2428)
      network.addService('web', {
        ...HTTPS_TASK,
        discovery: Discovery.none(),
        routing: { pathPatterns: ['/*'], protocol: elbv2.ApplicationProtocol.HTTPS },
        connectsTo: ['orders'],
      });
      return publish(stack, settings, network, 'encrypted');
    },
  },
);

// safe deployments: one service per strategy, each on its own host of the same load balancer
CASES.push({
  name: 'deployments',
  description: 'blue/green with a header-based test route, canary and linear deployments on one load balancer',
  build: (stack, settings) => {
    const network = new EcsAdvancedNetwork(stack, 'Network', { loadBalancer: https(stack, settings) });
    network.addService('bluegreen', {
      ...NGINX,
      routing: { hostHeaders: [`bluegreen.${settings.domainName}`] },
      deployment: ServiceDeployment.blueGreen({ testHeaderName: 'x-release', testHeaderValue: 'candidate', bakeTime: Duration.minutes(10) }),
    });
    network.addService('canary', {
      ...NGINX,
      routing: { hostHeaders: [`canary.${settings.domainName}`] },
      deployment: ServiceDeployment.canary({ canaryPercent: 10, canaryInterval: Duration.minutes(5) }),
    });
    network.addService('linear', {
      ...NGINX,
      routing: { hostHeaders: [`linear.${settings.domainName}`] },
      deployment: ServiceDeployment.linear({ stepPercent: 25, stepInterval: Duration.minutes(2) }),
    });
    return publish(stack, settings, network, 'bluegreen', 'canary', 'linear');
  },
});

// the managed web application firewall, blocking, in front of one service
CASES.push({
  name: 'waf',
  description: 'the managed web application firewall: AWS managed rule groups and a rate limit per client IP, blocking, logged, on the internet-facing load balancer',
  build: (stack, settings) => {
    const network = new EcsAdvancedNetwork(stack, 'Network', {
      loadBalancer: { ...https(stack, settings), webApplicationFirewall: { mode: WafMode.BLOCK, rateLimit: 1000 } },
    });
    network.addService('web', { ...NGINX, routing: { pathPatterns: ['/*'] } });
    return publish(stack, settings, network, 'waf');
  },
});

/** The case with this name. */
export function integCase(name: string): IntegCase {
  const c = CASES.find(x => x.name === name);
  if (!c) throw new Error(`no integration case named ${name}`);
  return c;
}
