import * as ec2 from 'aws-cdk-lib/aws-ec2';
import { Construct } from 'constructs';
import { FARGATE_ENDPOINTS } from './fargate-endpoints';
import { duplicates, invalidProp } from '../private/validation';

/**
 * Which VPC endpoints the network creates.
 */
export interface EndpointOptions {
  /**
   * Whether to create the S3 gateway endpoint (free; ECR image layers are served from S3). Set it
   * to false for an imported VPC that has one already on the task subnets' route tables.
   *
   * @default - true, except for an imported VPC whose task subnets have a NAT route
   */
  readonly s3Gateway?: boolean;

  /**
   * Whether to create the interface endpoints a Fargate task needs to start: `ecr.api`, `ecr.dkr` and
   * `logs`. With NAT they are optional (they keep image pulls off the NAT data bill); without NAT they
   * are required.
   *
   * @default - true when the task subnets have no NAT route, false otherwise
   */
  readonly fargateEndpoints?: boolean;

  /**
   * Whether to create the interface endpoints that the services' own settings call for:
   * `secretsmanager` or `ssm` when a service reads secrets, `ssmmessages` when ECS Exec is on.
   *
   * @default true
   */
  readonly serviceEndpoints?: boolean;

  /**
   * More interface endpoints to create, for example `ec2.InterfaceVpcEndpointAwsService.STS` or `KMS`.
   *
   * @default - none
   */
  readonly additionalServices?: ec2.InterfaceVpcEndpointAwsService[];
}

/**
 * Props of `NetworkEndpoints`.
 */
export interface NetworkEndpointsProps extends EndpointOptions {
  /**
   * The VPC of the endpoints.
   */
  readonly vpc: ec2.IVpc;

  /**
   * The subnets of the interface endpoints and the route tables of the S3 gateway: the task subnets.
   */
  readonly subnets: ec2.SubnetSelection;
}


/**
 * The VPC endpoints of the network: the S3 gateway and interface endpoints with private DNS in the
 * task subnets, behind one security group that admits HTTPS only from the network's tasks.
 */
export class NetworkEndpoints extends Construct {
  /** The S3 gateway endpoint, when created. */
  public readonly s3Gateway?: ec2.GatewayVpcEndpoint;
  /** The security group of the interface endpoints. */
  public readonly securityGroup: ec2.SecurityGroup;
  /** The peer that may call the endpoints: the security group every task of the network carries. */
  public readonly clients: ec2.SecurityGroup;

  private readonly interfaceEndpoints = new Map<string, ec2.InterfaceVpcEndpoint>();
  private readonly vpc: ec2.IVpc;
  private readonly subnets: ec2.SubnetSelection;

  constructor(scope: Construct, id: string, props: NetworkEndpointsProps) {
    super(scope, id);
    this.vpc = props.vpc;
    this.subnets = props.subnets;
    validateAdditionalServices(props.additionalServices ?? []);

    this.clients = new ec2.SecurityGroup(this, 'ClientSecurityGroup', {
      vpc: props.vpc,
      allowAllOutbound: false,
      description: 'Carried by every task of the network; the VPC endpoints admit HTTPS from it',
    });
    this.securityGroup = new ec2.SecurityGroup(this, 'SecurityGroup', {
      vpc: props.vpc,
      allowAllOutbound: false,
      description: 'VPC interface endpoints: HTTPS from the network tasks only',
    });
    this.securityGroup.connections.allowFrom(this.clients, ec2.Port.tcp(443), 'HTTPS from the network tasks to the VPC endpoints');

    if (props.s3Gateway ?? true) {
      this.s3Gateway = new ec2.GatewayVpcEndpoint(this, 'S3', {
        vpc: props.vpc,
        service: ec2.GatewayVpcEndpointAwsService.S3,
        subnets: [props.subnets],
      });
    }
    if (props.fargateEndpoints ?? false) {
      FARGATE_ENDPOINTS.forEach(s => this.require(s));
    }
    (props.additionalServices ?? []).forEach(s => this.require(s));
  }

  /**
   * Creates the interface endpoint for `service` unless it exists already (idempotent).
   */
  public require(service: ec2.InterfaceVpcEndpointAwsService): ec2.InterfaceVpcEndpoint {
    const existing = this.interfaceEndpoints.get(service.shortName);
    if (existing) return existing;
    const endpoint = new ec2.InterfaceVpcEndpoint(this, endpointId(service.shortName), {
      vpc: this.vpc,
      service,
      subnets: { ...this.subnets, onePerAz: true },
      privateDnsEnabled: true,
      open: false,
      securityGroups: [this.securityGroup],
    });
    this.interfaceEndpoints.set(service.shortName, endpoint);
    return endpoint;
  }

  /** Whether an interface endpoint for the service with this short name (`ecr.api`, `logs`...) exists. */
  public has(shortName: string): boolean {
    return this.interfaceEndpoints.has(shortName);
  }

  /** The interface endpoints, by short name (`ecr.api`, `logs`...). */
  public get endpoints(): { [shortName: string]: ec2.InterfaceVpcEndpoint } {
    return Object.fromEntries(this.interfaceEndpoints);
  }
}

function endpointId(shortName: string): string {
  return shortName.split(/[^a-zA-Z0-9]/).filter(Boolean).map(p => p[0].toUpperCase() + p.slice(1)).join('');
}

/** The short names of every interface endpoint service that aws-cdk-lib knows. */
function knownServices(): Set<string> {
  return new Set(Object.values(ec2.InterfaceVpcEndpointAwsService)
    .filter((v): v is ec2.InterfaceVpcEndpointAwsService => v instanceof ec2.InterfaceVpcEndpointAwsService)
    .map(v => v.shortName));
}

function validateAdditionalServices(services: ec2.InterfaceVpcEndpointAwsService[]): void {
  if (services.length === 0) return;
  const known = knownServices();
  const unknown = services.map(s => s.shortName).filter(n => !known.has(n));
  if (unknown.length > 0) {
    throw invalidProp('endpoints.additionalServices', 'must name AWS services that have an interface endpoint', unknown,
      'Use the constants of `ec2.InterfaceVpcEndpointAwsService` (for example `STS`, `KMS`); for a service aws-cdk-lib does not list yet, ' +
      'add an `ec2.InterfaceVpcEndpoint` to `network.vpc` yourself.');
  }
  const dup = duplicates(services.map(s => s.shortName));
  if (dup.length > 0) {
    throw invalidProp('endpoints.additionalServices', 'must not list a service twice', dup, 'Remove the duplicate entries.');
  }
}
