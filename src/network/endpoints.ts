import * as ec2 from 'aws-cdk-lib/aws-ec2';
import type * as s3 from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import { restrictInterfaceEndpoint, restrictS3Gateway, validateEndpointPolicyOptions } from './endpoint-policies';
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

  /**
   * Whether every endpoint the network creates carries an endpoint policy: the interface endpoints
   * admit principals of the stack's account (or of `organizationId`) only, and the S3 gateway admits
   * reads of Amazon ECR's image layers and `s3Buckets` only. Without policies an endpoint lets any
   * principal of any account reach any resource of its service, so a compromised task can copy data
   * to a bucket of another account through the S3 gateway. To allow more, keep the policies and add
   * statements: `network.endpoints.s3Gateway?.addToPolicy(...)`, `network.endpoints.endpoints['logs'].addToPolicy(...)`.
   *
   * @default true
   */
  readonly policies?: boolean;

  /**
   * The S3 buckets the tasks may reach through the S3 gateway endpoint, besides Amazon ECR's image
   * layers: any S3 action, by principals of the stack's account (or of `organizationId`). With the
   * gateway on the task subnets' route tables, tasks reach S3 through it even with NAT: a bucket
   * missing here is out of their reach. A bucket of another account (`s3.Bucket.fromBucketName`) works too.
   *
   * @default - none: the tasks reach only ECR's image layers in S3
   */
  readonly s3Buckets?: s3.IBucket[];

  /**
   * The id of the AWS organization (`o-...`) whose principals may use the endpoints, instead of the
   * stack's account alone (condition `aws:PrincipalOrgID` in place of `aws:PrincipalAccount`): for
   * tasks that call AWS with roles of other accounts of the organization.
   *
   * @default - principals of the stack's account only
   */
  readonly organizationId?: string;
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
 * task subnets, behind one security group that admits HTTPS only from the network's tasks, each with
 * an endpoint policy (`EndpointOptions.policies`).
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
  private readonly policies: boolean;
  private readonly organizationId?: string;
  private readonly s3BucketCount: number;

  constructor(scope: Construct, id: string, props: NetworkEndpointsProps) {
    super(scope, id);
    this.vpc = props.vpc;
    this.subnets = props.subnets;
    validateAdditionalServices(props.additionalServices ?? []);
    this.policies = props.policies ?? true;
    this.organizationId = props.organizationId;
    this.s3BucketCount = (props.s3Buckets ?? []).length;
    validateEndpointPolicyOptions(this.policies, props.organizationId, props.s3Buckets ?? []);

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
      if (this.policies) restrictS3Gateway(this.s3Gateway, props.s3Buckets ?? [], this.organizationId);
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
    if (this.policies) restrictInterfaceEndpoint(endpoint, this.organizationId);
    this.interfaceEndpoints.set(service.shortName, endpoint);
    return endpoint;
  }

  /** Whether an interface endpoint for the service with this short name (`ecr.api`, `logs`...) exists. */
  public has(shortName: string): boolean {
    return this.interfaceEndpoints.has(shortName);
  }

  /**
   * What the endpoint policy of the S3 gateway (`gateway`) or of an interface endpoint admits, for the flows.
   * @internal
   */
  public _policyDetail(gateway: boolean): string {
    if (!this.policies) return 'no endpoint policy';
    const who = this.organizationId !== undefined ? 'the organization' : 'the account';
    if (!gateway) return `policy: principals of ${who} only`;
    return this.s3BucketCount === 0 ? 'policy: ECR image layers only'
      : `policy: ECR image layers and ${this.s3BucketCount} bucket(s) of \`endpoints.s3Buckets\`, by ${who}`;
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
