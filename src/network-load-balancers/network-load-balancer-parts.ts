import type * as ec2 from 'aws-cdk-lib/aws-ec2';
import type * as elbv2 from 'aws-cdk-lib/aws-elasticloadbalancingv2';
import type { ConditionalAcknowledgement } from '../private/acknowledge';

/** What `NetworkLoadBalancer` is made of. Internal: not part of the public API. */
export interface NetworkLoadBalancerParts {
  readonly name: string;
  /** The prop that configures it (`networkLoadBalancers[i]`), for messages. */
  readonly prop: string;
  readonly internetFacing: boolean;
  readonly loadBalancer: elbv2.NetworkLoadBalancer;
  readonly securityGroup: ec2.SecurityGroup;
  readonly peers: ec2.IPeer[];
  readonly elasticIps: ec2.CfnEIP[];
  readonly allocationIds: string[];
  readonly endpointService?: ec2.VpcEndpointService;
  /** AwsSolutions-EC23 on its security group, when it is open to any address by default. */
  readonly openIngressAcknowledgement?: ConditionalAcknowledgement;
}
