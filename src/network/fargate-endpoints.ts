import * as ec2 from 'aws-cdk-lib/aws-ec2';

/** The interface endpoints Fargate needs to pull an image from ECR and write its logs. */
export const FARGATE_ENDPOINTS: ec2.InterfaceVpcEndpointAwsService[] = [
  ec2.InterfaceVpcEndpointAwsService.ECR,
  ec2.InterfaceVpcEndpointAwsService.ECR_DOCKER,
  ec2.InterfaceVpcEndpointAwsService.CLOUDWATCH_LOGS,
];
