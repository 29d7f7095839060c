import { Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { ACCOUNT, endpointServices, envStack, synth } from './fixtures';
import { EcsAdvancedNetwork, Egress, ReachabilityKind } from '../../src';

/** The route tables (resolved) of the private subnets of a network. */
function privateRouteTables(stack: Stack, network: EcsAdvancedNetwork): unknown[] {
  return network.vpc.privateSubnets.map(s => stack.resolve(s.routeTable.routeTableId));
}

describe('S3 gateway endpoint', () => {
  test('is created by default on the route tables of the task subnets', () => {
    const { stack, network, template } = synth();
    expect(endpointServices(template, 'Gateway')).toEqual(['s3']);
    template.hasResourceProperties('AWS::EC2::VPCEndpoint', {
      VpcEndpointType: 'Gateway',
      RouteTableIds: privateRouteTables(stack, network),
    });
    expect(network.endpoints.s3Gateway).toBeDefined();
  });

  test('is not created with `s3Gateway: false`', () => {
    const { network, template } = synth({ endpoints: { s3Gateway: false } });
    template.resourceCountIs('AWS::EC2::VPCEndpoint', 0);
    expect(network.endpoints.s3Gateway).toBeUndefined();
  });

  test('cannot be turned off with `Egress.endpointsOnly()`', () => {
    expect(() => synth({ egress: Egress.endpointsOnly(), endpoints: { s3Gateway: false } })).toThrow(
      /^`endpoints\.s3Gateway` cannot be false: `egress` is `Egress\.endpointsOnly\(\)`, and ECR serves image layers from S3, got: false\. Leave `endpoints\.s3Gateway` on/,
    );
  });
});

describe('Fargate interface endpoints', () => {
  test('are not created by default when the tasks have a NAT route', () => {
    const { network, template } = synth();
    template.resourcePropertiesCountIs('AWS::EC2::VPCEndpoint', { VpcEndpointType: 'Interface' }, 0);
    expect(network.endpoints.endpoints).toEqual({});
  });

  test('are created with NAT when `fargateEndpoints` is true, in the task subnets, with private DNS', () => {
    const { stack, network, template } = synth({ endpoints: { fargateEndpoints: true } });
    template.resourceCountIs('AWS::EC2::NatGateway', 2);
    expect(endpointServices(template, 'Interface')).toEqual(['ecr.api', 'ecr.dkr', 'logs']);
    const privateSubnets = network.vpc.privateSubnets.map(s => stack.resolve(s.subnetId));
    template.allResourcesProperties('AWS::EC2::VPCEndpoint', Match.objectLike({ VpcId: stack.resolve(network.vpc.vpcId) }));
    for (const endpoint of Object.values(template.findResources('AWS::EC2::VPCEndpoint', { Properties: { VpcEndpointType: 'Interface' } }))) {
      expect(endpoint.Properties).toMatchObject({ PrivateDnsEnabled: true, SubnetIds: privateSubnets });
    }
    expect(Object.keys(network.endpoints.endpoints).sort()).toEqual(['ecr.api', 'ecr.dkr', 'logs']);
    expect(network.endpoints.has('ecr.dkr')).toBe(true);
  });

  test('cannot be turned off with `Egress.endpointsOnly()`', () => {
    expect(() => synth({ egress: Egress.endpointsOnly(), endpoints: { fargateEndpoints: false } })).toThrow(
      /^`endpoints\.fargateEndpoints` cannot be false: `egress` is `Egress\.endpointsOnly\(\)`, so tasks could not pull their image or ship logs \(Fargate needs ecr\.api, ecr\.dkr, logs and the S3 gateway\), got: false\./,
    );
  });
});

describe('endpoint security group', () => {
  test('admits HTTPS from the endpoint clients only and sends nothing out', () => {
    const { stack, network, template } = synth({ endpoints: { fargateEndpoints: true } });
    const endpointSg = stack.resolve(network.endpoints.securityGroup.securityGroupId);
    const clientSg = stack.resolve(network.endpoints.clients.securityGroupId);
    template.hasResourceProperties('AWS::EC2::SecurityGroup', {
      GroupDescription: 'VPC interface endpoints: HTTPS from the network tasks only',
      SecurityGroupIngress: Match.absent(),
      SecurityGroupEgress: [Match.objectLike({ CidrIp: '255.255.255.255/32', Description: 'Disallow all traffic' })],
    });
    const ingress = Object.values(template.findResources('AWS::EC2::SecurityGroupIngress', { Properties: { GroupId: endpointSg } }));
    expect(ingress.map(r => r.Properties)).toEqual([{
      IpProtocol: 'tcp',
      FromPort: 443,
      ToPort: 443,
      GroupId: endpointSg,
      SourceSecurityGroupId: clientSg,
      Description: 'HTTPS from the network tasks to the VPC endpoints',
    }]);
    template.hasResourceProperties('AWS::EC2::SecurityGroupEgress', {
      GroupId: clientSg,
      DestinationSecurityGroupId: endpointSg,
      FromPort: 443,
      ToPort: 443,
    });
  });
});

describe('additionalServices', () => {
  test('creates an interface endpoint for each listed service', () => {
    const { template } = synth({ endpoints: { additionalServices: [ec2.InterfaceVpcEndpointAwsService.STS] } });
    expect(endpointServices(template, 'Interface')).toEqual(['sts']);
    template.hasResourceProperties('AWS::EC2::VPCEndpoint', {
      ServiceName: { 'Fn::Join': ['', ['com.amazonaws.', { Ref: 'AWS::Region' }, '.sts']] },
      PrivateDnsEnabled: true,
    });
  });

  test('does not duplicate a Fargate endpoint that is also listed', () => {
    const { template } = synth({
      endpoints: { fargateEndpoints: true, additionalServices: [ec2.InterfaceVpcEndpointAwsService.ECR, ec2.InterfaceVpcEndpointAwsService.KMS] },
    });
    expect(endpointServices(template, 'Interface')).toEqual(['ecr.api', 'ecr.dkr', 'kms', 'logs']);
  });

  test('rejects a service listed twice', () => {
    const { STS, KMS } = ec2.InterfaceVpcEndpointAwsService;
    expect(() => synth({ endpoints: { additionalServices: [STS, KMS, STS] } })).toThrow(/^`endpoints\.additionalServices` must not list a service twice, got: \["sts"\]\. Remove the duplicate entries\.$/);
  });

  test('rejects a service that has no interface endpoint', () => {
    expect(() => synth({ endpoints: { additionalServices: [new ec2.InterfaceVpcEndpointAwsService('no-such-service')] } })).toThrow(
      /^`endpoints\.additionalServices` must name AWS services that have an interface endpoint, got: \["no-such-service"\]\. Use the constants of `ec2\.InterfaceVpcEndpointAwsService`/,
    );
  });

  test('accepts a known service built by name', () => {
    const { template } = synth({ endpoints: { additionalServices: [new ec2.InterfaceVpcEndpointAwsService('sts')] } });
    expect(endpointServices(template, 'Interface')).toEqual(['sts']);
  });
});

describe('NetworkEndpoints.require()', () => {
  test('creates an endpoint once and returns it on later calls', () => {
    const stack = new Stack();
    const network = new EcsAdvancedNetwork(stack, 'Network');
    const first = network.endpoints.require(ec2.InterfaceVpcEndpointAwsService.SECRETS_MANAGER);
    expect(network.endpoints.require(ec2.InterfaceVpcEndpointAwsService.SECRETS_MANAGER)).toBe(first);
    expect(network.endpoints.has('secretsmanager')).toBe(true);
    expect(endpointServices(Template.fromStack(stack), 'Interface')).toEqual(['secretsmanager']);
  });
});

describe('endpoint policies', () => {
  let stack: Stack;
  let network: EcsAdvancedNetwork;
  let template: Template;
  beforeAll(() => {
    ({ stack, network, template } = synth({
      endpoints: { fargateEndpoints: true, s3Buckets: [s3.Bucket.fromBucketName(new Stack(), 'Data', 'my-data')] },
      monitoring: { enabled: false },
    }));
  });
  const policyOf = (service: string) => Object.values(template.findResources('AWS::EC2::VPCEndpoint'))
    .find(r => JSON.stringify(r.Properties.ServiceName).endsWith(`.${service}"]]}`))!.Properties.PolicyDocument;

  test('the interface endpoints admit principals of the stack\'s account only', () => {
    for (const service of ['ecr.api', 'ecr.dkr', 'logs']) {
      expect(policyOf(service).Statement).toEqual([{
        Sid: 'PrincipalsOfTheAccountOnly',
        Effect: 'Allow',
        Principal: { AWS: '*' },
        Action: '*',
        Resource: '*',
        Condition: { StringEquals: { 'aws:PrincipalAccount': { Ref: 'AWS::AccountId' } } },
      }]);
    }
  });

  test('the S3 gateway admits reads of ECR\'s image layers of the region and the listed buckets, by the account', () => {
    expect(policyOf('s3').Statement).toEqual([
      {
        Sid: 'EcrImageLayers',
        Effect: 'Allow',
        Principal: { AWS: '*' },
        Action: 's3:GetObject',
        Resource: { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':s3:::prod-', { Ref: 'AWS::Region' }, '-starport-layer-bucket/*']] },
      },
      {
        Sid: 'NetworkBuckets',
        Effect: 'Allow',
        Principal: { AWS: '*' },
        Action: 's3:*',
        Resource: [
          { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':s3:::my-data']] },
          { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':s3:::my-data/*']] },
        ],
        Condition: { StringEquals: { 'aws:PrincipalAccount': { Ref: 'AWS::AccountId' } } },
      },
    ]);
    expect(stack.resolve(network.endpoints.s3Gateway!.vpcEndpointId)).toBeDefined();
  });

  test('the flows to the endpoints say what their policies admit', () => {
    const details = network.report().reachability.filter(e => e.kind === ReachabilityKind.ENDPOINT).map(e => [e.destination, e.detail]);
    expect(details).toEqual([
      ['s3 (gateway)', 'route table entry, free; policy: ECR image layers and 1 bucket(s) of `endpoints.s3Buckets`, by the account'],
      ['ecr.api', 'interface endpoint, private DNS; policy: principals of the account only'],
      ['ecr.dkr', 'interface endpoint, private DNS; policy: principals of the account only'],
      ['logs', 'interface endpoint, private DNS; policy: principals of the account only'],
    ]);
  });

  test('the S3 gateway admits ECR\'s layers only by default; endpoints created later get the policy too', () => {
    const envNetwork = new EcsAdvancedNetwork(envStack(), 'Network');
    envNetwork.endpoints.require(ec2.InterfaceVpcEndpointAwsService.SECRETS_MANAGER);
    const t = Template.fromStack(Stack.of(envNetwork));
    t.hasResourceProperties('AWS::EC2::VPCEndpoint', {
      VpcEndpointType: 'Gateway',
      PolicyDocument: { Statement: [Match.objectLike({ Sid: 'EcrImageLayers', Resource: { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':s3:::prod-us-east-1-starport-layer-bucket/*']] } })] },
    });
    t.hasResourceProperties('AWS::EC2::VPCEndpoint', {
      VpcEndpointType: 'Interface',
      PolicyDocument: { Statement: [Match.objectLike({ Condition: { StringEquals: { 'aws:PrincipalAccount': ACCOUNT } } })] },
    });
  });

  test('with `organizationId`, the condition is the organization', () => {
    const { template: t } = synth({ endpoints: { fargateEndpoints: true, organizationId: 'o-a1b2c3d4e5', s3Buckets: [s3.Bucket.fromBucketName(new Stack(), 'B', 'shared')] } });
    const statements = Object.values(t.findResources('AWS::EC2::VPCEndpoint')).flatMap(r => r.Properties.PolicyDocument.Statement);
    expect(statements.filter(s => s.Condition).map(s => s.Condition)).toEqual(Array(4).fill({ StringEquals: { 'aws:PrincipalOrgID': 'o-a1b2c3d4e5' } }));
    expect(statements.filter(s => s.Sid === 'PrincipalsOfTheOrganizationOnly')).toHaveLength(3);
  });

  test('with `policies: false`, no endpoint has a policy', () => {
    const { template: t } = synth({ endpoints: { fargateEndpoints: true, policies: false } });
    t.allResourcesProperties('AWS::EC2::VPCEndpoint', { PolicyDocument: Match.absent() });
  });

  test('rejects an organization id that is not one', () => {
    expect(() => synth({ endpoints: { organizationId: '123456789012' } })).toThrow(
      /^`endpoints\.organizationId` must be the id of an AWS organization \(`o-` and 10 to 32 lower-case letters or digits\), got: "123456789012"\./);
  });

  test('rejects buckets or an organization without the policies', () => {
    expect(() => synth({ endpoints: { policies: false, s3Buckets: [s3.Bucket.fromBucketName(new Stack(), 'B', 'bbb')] } })).toThrow(
      /^`endpoints\.s3Buckets` only applies to the endpoint policies, and `endpoints\.policies` is false/);
    expect(() => synth({ endpoints: { policies: false, organizationId: 'o-a1b2c3d4e5' } })).toThrow(
      /^`endpoints\.organizationId` only applies to the endpoint policies/);
  });
});
