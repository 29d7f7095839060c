/**
 * Who reaches a routed service: the internet, the VPC, or both. Each kind has load balancers of its
 * own: internet-facing ones in the public subnets, internal ones in the task subnets.
 */
export enum IngressAccess {
  /** From the internet, through an internet-facing load balancer. */
  PUBLIC = 'PUBLIC',
  /** From inside the VPC and the peers the internal load balancer admits, through an internal load balancer. */
  INTERNAL = 'INTERNAL',
  /** From both: the service has a target group on an internet-facing and on an internal load balancer. */
  PUBLIC_AND_INTERNAL = 'PUBLIC_AND_INTERNAL',
}

/** The kinds of load balancer that an access needs, public first. */
export function accessKinds(access: IngressAccess): IngressAccess[] {
  return access === IngressAccess.PUBLIC_AND_INTERNAL ? [IngressAccess.PUBLIC, IngressAccess.INTERNAL] : [access];
}
