import { Token } from 'aws-cdk-lib';
import { invalidProp } from '../private/validation';

/**
 * Without NAT, tasks reach only AWS services through endpoints: an image from a public registry
 * (Docker Hub, ECR Public, GHCR...) cannot be pulled, and the task would fail at deploy time.
 */
export function validateImageReachable(prop: string, imageName: string, tasksHaveNatRoute: boolean, region: string): void {
  if (tasksHaveNatRoute || Token.isUnresolved(imageName)) return;
  const ecr = /^\d{12}\.dkr\.ecr(?:-fips)?\.([a-z0-9-]+)\.amazonaws\.com(?:\.cn)?\//.exec(imageName);
  if (ecr && !Token.isUnresolved(region) && ecr[1] !== region) {
    // the ECR endpoints of the VPC serve the stack's region only
    throw invalidProp(`${prop}.image`, `must come from Amazon ECR in the stack's region (${region}): the tasks have no NAT route, and the VPC endpoints reach ECR of their own region only`,
      imageName, 'Replicate the repository to the stack\'s region (ECR replication) and use that image, or choose an egress with NAT.');
  }
  if (ecr) return;
  throw invalidProp(`${prop}.image`, 'must come from Amazon ECR: the tasks have no NAT route, so a public registry is unreachable', imageName,
    'Push the image to ECR (or set up an ECR pull-through cache) and use `ecs.ContainerImage.fromEcrRepository()`, or choose an egress with NAT.');
}
