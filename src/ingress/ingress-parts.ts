import type * as acm from 'aws-cdk-lib/aws-certificatemanager';
import type * as ec2 from 'aws-cdk-lib/aws-ec2';
import type * as elbv2 from 'aws-cdk-lib/aws-elasticloadbalancingv2';
import type * as wafv2 from 'aws-cdk-lib/aws-wafv2';
import type { IngressAccess } from '../routing/ingress-access';
import type { Router } from '../routing/router';
import type { WebApplicationFirewall } from '../routing/web-application-firewall';

/** What `IngressLoadBalancer` is made of. Internal: not part of the public API. */
export interface IngressLoadBalancerParts {
  readonly access: IngressAccess;
  readonly index: number;
  readonly loadBalancer: elbv2.ApplicationLoadBalancer;
  readonly httpListener: elbv2.ApplicationListener;
  readonly httpsListener?: elbv2.ApplicationListener;
  readonly webAclAssociation?: wafv2.CfnWebACLAssociation;
  readonly webApplicationFirewall?: WebApplicationFirewall;
  readonly router: Router;
  readonly certificates: acm.ICertificate[];
  /** Who may reach its listeners. */
  readonly peers: ec2.IPeer[];
  /** The prop of its options, for messages: `loadBalancer` or `internalLoadBalancer`. */
  readonly prop: string;
}
