#!/usr/bin/env bash
# The deploy workflow's steps against one environment's cluster (kubectl's context already points at it):
#   deploy/rollout.sh apply ENV REGISTRY TAG  configuration and secrets, then the migration Jobs (waited for),
#                                             then the workloads (waited for), all at image tag TAG
#   deploy/rollout.sh smoke ENV               through the load balancer: the SPA, the JWKS, an API route's
#                                             401, a Socket.IO handshake
#   deploy/rollout.sh rollback ENV            every Deployment back to its previous revision
# Needs kubectl and kustomize (both on GitHub's Ubuntu runners) and curl.
set -euo pipefail
cd "$(dirname "$0")/.."

usage() {
  echo "usage: deploy/rollout.sh apply ENV REGISTRY TAG | smoke ENV | rollback ENV" >&2
  exit 2
}
command=${1:-}
environment=${2:-}
[ -n "$command" ] && [ -d "deploy/k8s/overlays/$environment" ] || usage
overlay="deploy/k8s/overlays/$environment"
namespace=taskflow
deployments=(auth tasks notifications gateway)
images=(auth tasks notifications proxy)
k() { kubectl --namespace "$namespace" "$@"; }
apply_component() { kubectl apply -k "$overlay" -l "app.kubernetes.io/component=$1"; }
ingress_host() { k get ingress taskflow -o jsonpath='{.spec.rules[0].host}'; }

case $command in
  apply)
    registry=${3:-}
    tag=${4:-}
    [ -n "$registry" ] && [ -n "$tag" ] || usage
    (cd "$overlay" && for image in "${images[@]}"; do
      kustomize edit set image "taskflow/$image=$registry/taskflow/$image:$tag"
    done)
    kubectl create namespace "$namespace" --dry-run=client -o yaml | kubectl apply -f -

    apply_component config
    k wait externalsecret/taskflow-secrets --for=condition=Ready --timeout=180s

    # Jobs are immutable: the previous deployment's go first.
    k delete job -l app.kubernetes.io/component=migrations --ignore-not-found --wait
    apply_component migrations
    for job in $(k get job -l app.kubernetes.io/component=migrations -o name); do
      if ! k wait "$job" --for=condition=complete --timeout=600s; then
        k logs "$job" --tail=200 || true
        echo "$job did not complete: nothing rolled out" >&2
        exit 1
      fi
    done

    apply_component app
    for deployment in "${deployments[@]}"; do
      k rollout status "deployment/$deployment" --timeout=300s
    done
    if [ -n "${GITHUB_OUTPUT:-}" ]; then echo "url=https://$(ingress_host)" >>"$GITHUB_OUTPUT"; fi
    ;;

  smoke)
    host=$(ingress_host)
    # The load balancer may still be provisioning on a first deployment: up to five minutes.
    balancer=""
    for _ in $(seq 30); do
      balancer=$(k get ingress taskflow -o jsonpath='{.status.loadBalancer.ingress[0].hostname}')
      [ -n "$balancer" ] && break
      sleep 10
    done
    [ -n "$balancer" ] || { echo "the ingress has no load balancer" >&2; exit 1; }
    # Through the balancer by its address, with the environment's host name (TLS SNI, Host): DNS not needed.
    expect() {
      local want=$1 path=$2 got=""
      for _ in $(seq 30); do
        got=$(curl -s -o /dev/null -w '%{http_code}' --connect-to "$host:443:$balancer:443" "https://$host$path" || true)
        [ "$got" = "$want" ] && { echo "GET $path → $got"; return 0; }
        sleep 10
      done
      echo "GET $path answered $got, expected $want" >&2
      return 1
    }
    expect 200 /
    expect 200 /api/auth/.well-known/jwks.json
    expect 401 /api/projects
    expect 200 '/socket.io/?EIO=4&transport=polling'
    ;;

  rollback)
    for deployment in "${deployments[@]}"; do
      k rollout undo "deployment/$deployment"
    done
    for deployment in "${deployments[@]}"; do
      k rollout status "deployment/$deployment" --timeout=300s
    done
    ;;

  *) usage ;;
esac
