data "aws_partition" "current" {}

data "aws_iam_policy_document" "assume_ec2" {
  statement {
    actions = ["sts:AssumeRole"]
    principals {
      type        = "Service"
      identifiers = ["ec2.amazonaws.com"]
    }
  }
}

resource "aws_iam_role" "media" {
  name_prefix        = "${var.name}-media-"
  assume_role_policy = data.aws_iam_policy_document.assume_ec2.json
  tags               = var.tags
}

data "aws_iam_policy_document" "media" {
  statement {
    sid       = "ReadServiceSecrets"
    actions   = ["secretsmanager:GetSecretValue"]
    resources = values(local.media_secrets)
  }

  statement {
    sid       = "FinishDrain"
    actions   = ["autoscaling:CompleteLifecycleAction"]
    resources = [aws_autoscaling_group.media.arn]
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

resource "aws_iam_role_policy" "media" {
  name   = "ringedge-media"
  role   = aws_iam_role.media.id
  policy = data.aws_iam_policy_document.media.json
}

resource "aws_iam_role_policy_attachment" "media_managed" {
  for_each = toset(["AmazonSSMManagedInstanceCore", "AmazonEC2ContainerRegistryReadOnly"])

  role       = aws_iam_role.media.name
  policy_arn = "arn:${data.aws_partition.current.partition}:iam::aws:policy/${each.key}"
}

resource "aws_iam_instance_profile" "media" {
  name_prefix = "${var.name}-media-"
  role        = aws_iam_role.media.name
  tags        = var.tags
}
