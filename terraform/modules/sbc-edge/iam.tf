data "aws_partition" "current" {}

data "aws_caller_identity" "current" {}

data "aws_iam_policy_document" "assume_ec2" {
  statement {
    actions = ["sts:AssumeRole"]
    principals {
      type        = "Service"
      identifiers = ["ec2.amazonaws.com"]
    }
  }
}

resource "aws_iam_role" "edge" {
  name_prefix        = "${var.name}-edge-"
  assume_role_policy = data.aws_iam_policy_document.assume_ec2.json
  tags               = var.tags
}

data "aws_iam_policy_document" "edge" {
  statement {
    sid     = "TakeOverOwnElasticIp"
    actions = ["ec2:AssociateAddress"]
    resources = concat(
      [for eip in aws_eip.edge : "arn:${data.aws_partition.current.partition}:ec2:${data.aws_region.current.region}:${data.aws_caller_identity.current.account_id}:elastic-ip/${eip.allocation_id}"],
      [for kind in ["instance", "network-interface"] : "arn:${data.aws_partition.current.partition}:ec2:${data.aws_region.current.region}:${data.aws_caller_identity.current.account_id}:${kind}/*"],
    )
  }

  statement {
    sid       = "ReadServiceSecrets"
    actions   = ["secretsmanager:GetSecretValue"]
    resources = values(local.edge_secrets)
  }

  dynamic "statement" {
    for_each = var.secrets_kms_key_arn == null ? [] : [var.secrets_kms_key_arn]
    content {
      sid       = "DecryptServiceSecrets"
      actions   = ["kms:Decrypt"]
      resources = [statement.value]
    }
  }
}

resource "aws_iam_role_policy" "edge" {
  name   = "ringedge-edge"
  role   = aws_iam_role.edge.id
  policy = data.aws_iam_policy_document.edge.json
}

# Shell access through Session Manager instead of an SSH port, and image pulls
# from ECR.
resource "aws_iam_role_policy_attachment" "edge_managed" {
  for_each = toset(["AmazonSSMManagedInstanceCore", "AmazonEC2ContainerRegistryReadOnly"])

  role       = aws_iam_role.edge.name
  policy_arn = "arn:${data.aws_partition.current.partition}:iam::aws:policy/${each.key}"
}

resource "aws_iam_instance_profile" "edge" {
  name_prefix = "${var.name}-edge-"
  role        = aws_iam_role.edge.name
  tags        = var.tags
}
