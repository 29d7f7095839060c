/**
 * CloudFormation's "Update requires" rules for the resource types a network synthesizes: for each type,
 * the properties whose change requires **Replacement** (a new physical resource: CloudFormation creates
 * it in the update phase and deletes the old one in the cleanup phase). Every other property of a
 * listed type updates in place (No interruption or Some interruptions).
 *
 * Taken from the CloudFormation template reference (the `doc` of each type, "Update requires" of each
 * property). `edit-diff.test.ts` checks the table against the registry schemas that
 * `@aws-cdk/aws-service-spec` ships (its `createOnlyProperties`), so that a stale entry fails a test.
 * A type missing here makes a change of its properties `unknown`: add the type before relying on it.
 *
 * Update behaviours: https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/using-cfn-updating-stacks-update-behaviors.html
 * Custom names on replacement: https://repost.aws/knowledge-center/cloudformation-custom-name
 */
export interface UpdateRules {
  /** The template reference page of the type. */
  readonly doc: string;
  /** The properties whose change requires Replacement; every other property updates in place. */
  readonly replacement: readonly string[];
}

const REF = 'https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference';

export const UPDATE_RULES: Readonly<Record<string, UpdateRules>> = {
  // routing
  'AWS::ElasticLoadBalancingV2::ListenerRule': {
    doc: `${REF}/aws-resource-elasticloadbalancingv2-listenerrule.html`,
    replacement: ['ListenerArn'], // Priority, Conditions, Actions: No interruption
  },
  'AWS::ElasticLoadBalancingV2::TargetGroup': {
    doc: `${REF}/aws-resource-elasticloadbalancingv2-targetgroup.html`,
    replacement: ['IpAddressType', 'Name', 'Port', 'Protocol', 'ProtocolVersion', 'TargetType', 'VpcId'],
  },
  'AWS::ElasticLoadBalancingV2::Listener': {
    doc: `${REF}/aws-resource-elasticloadbalancingv2-listener.html`,
    replacement: ['LoadBalancerArn'],
  },
  'AWS::ElasticLoadBalancingV2::LoadBalancer': {
    doc: `${REF}/aws-resource-elasticloadbalancingv2-loadbalancer.html`,
    replacement: ['Name', 'Scheme', 'Type'],
  },
  'AWS::ElasticLoadBalancingV2::ListenerCertificate': {
    doc: `${REF}/aws-resource-elasticloadbalancingv2-listenercertificate.html`,
    replacement: ['ListenerArn'], // Certificates: No interruption
  },
  // services
  'AWS::ECS::Service': {
    doc: `${REF}/aws-resource-ecs-service.html`,
    // LoadBalancers, ServiceRegistries, ServiceConnectConfiguration, NetworkConfiguration: No interruption
    replacement: ['Cluster', 'DeploymentController', 'LaunchType', 'Role', 'SchedulingStrategy', 'ServiceName'],
  },
  'AWS::ECS::TaskDefinition': {
    doc: `${REF}/aws-resource-ecs-taskdefinition.html`,
    // a task definition revision is immutable: every property but Tags
    replacement: ['ContainerDefinitions', 'Cpu', 'EnableFaultInjection', 'EphemeralStorage', 'ExecutionRoleArn', 'Family',
      'InferenceAccelerators', 'IpcMode', 'Memory', 'NetworkMode', 'PidMode', 'PlacementConstraints', 'ProxyConfiguration',
      'RequiresCompatibilities', 'RuntimePlatform', 'TaskRoleArn', 'Volumes'],
  },
  'AWS::ECS::Cluster': {
    doc: `${REF}/aws-resource-ecs-cluster.html`,
    replacement: ['ClusterName'],
  },
  'AWS::ApplicationAutoScaling::ScalableTarget': {
    doc: `${REF}/aws-resource-applicationautoscaling-scalabletarget.html`,
    replacement: ['ResourceId', 'ScalableDimension', 'ServiceNamespace'],
  },
  'AWS::ApplicationAutoScaling::ScalingPolicy': {
    doc: `${REF}/aws-resource-applicationautoscaling-scalingpolicy.html`,
    replacement: ['PolicyName', 'ResourceId', 'ScalableDimension', 'ScalingTargetId', 'ServiceNamespace'],
  },
  // names and certificates
  'AWS::CertificateManager::Certificate': {
    doc: `${REF}/aws-resource-certificatemanager-certificate.html`,
    replacement: ['CertificateAuthorityArn', 'DomainName', 'DomainValidationOptions', 'KeyAlgorithm', 'SubjectAlternativeNames', 'ValidationMethod'],
  },
  'AWS::Route53::RecordSet': {
    doc: `${REF}/aws-resource-route53-recordset.html`,
    replacement: ['HostedZoneId', 'HostedZoneName', 'Name'], // AliasTarget, Type: No interruption
  },
  'AWS::ServiceDiscovery::Service': {
    doc: `${REF}/aws-resource-servicediscovery-service.html`,
    replacement: ['HealthCheckCustomConfig', 'Name', 'NamespaceId', 'Type'],
  },
  'AWS::ServiceDiscovery::PrivateDnsNamespace': {
    doc: `${REF}/aws-resource-servicediscovery-privatednsnamespace.html`,
    replacement: ['Name', 'Vpc'],
  },
  // security groups
  'AWS::EC2::SecurityGroup': {
    doc: `${REF}/aws-resource-ec2-securitygroup.html`,
    replacement: ['GroupDescription', 'GroupName', 'VpcId'], // inline rules: No interruption
  },
  'AWS::EC2::SecurityGroupIngress': {
    doc: `${REF}/aws-resource-ec2-securitygroupingress.html`,
    replacement: ['CidrIp', 'CidrIpv6', 'FromPort', 'GroupId', 'GroupName', 'IpProtocol', 'SourcePrefixListId',
      'SourceSecurityGroupId', 'SourceSecurityGroupName', 'SourceSecurityGroupOwnerId', 'ToPort'], // Description: No interruption
  },
  'AWS::EC2::SecurityGroupEgress': {
    doc: `${REF}/aws-resource-ec2-securitygroupegress.html`,
    replacement: ['CidrIp', 'CidrIpv6', 'DestinationPrefixListId', 'DestinationSecurityGroupId', 'FromPort', 'GroupId',
      'IpProtocol', 'ToPort'], // Description: No interruption
  },
  // monitoring
  'AWS::CloudWatch::Alarm': {
    doc: `${REF}/aws-resource-cloudwatch-alarm.html`,
    replacement: ['AlarmName'],
  },
  'AWS::CloudWatch::Dashboard': {
    doc: `${REF}/aws-resource-cloudwatch-dashboard.html`,
    replacement: ['DashboardName'],
  },
  'AWS::Logs::LogGroup': {
    doc: `${REF}/aws-resource-logs-loggroup.html`,
    replacement: ['LogGroupName'],
  },
  'AWS::Logs::QueryDefinition': {
    doc: `${REF}/aws-resource-logs-querydefinition.html`,
    replacement: [],
  },
  // identity and keys
  'AWS::IAM::Role': {
    doc: `${REF}/aws-resource-iam-role.html`,
    replacement: ['Path', 'RoleName'],
  },
  'AWS::IAM::Policy': {
    doc: `${REF}/aws-resource-iam-policy.html`,
    replacement: [],
  },
  'AWS::KMS::Key': {
    doc: `${REF}/aws-resource-kms-key.html`,
    replacement: [],
  },
  // nested stacks: Parameters and TemplateURL update the nested stack in place
  'AWS::CloudFormation::Stack': {
    doc: `${REF}/aws-resource-cloudformation-stack.html`,
    replacement: [],
  },
};

/** What a change of `property` of a resource of `type` requires. */
export function updateRequires(type: string, property: string): 'Replacement' | 'No interruption' | 'unknown' {
  const rules = UPDATE_RULES[type];
  if (!rules) return 'unknown';
  return rules.replacement.includes(property) ? 'Replacement' : 'No interruption';
}
