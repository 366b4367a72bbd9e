/**
 * Kaito domain library: Workspace API types, presets, GPU SKUs, validation,
 * node sizing and manifest rendering.
 *
 * @packageDocumentation
 */

export type { GpuSku } from './sku/gpuSku';
export { GPU_SKUS } from './sku/skuTable';
export { lookupSku, listKnownSkuNames } from './sku/lookupSku';
export type { LookupSkuOptions } from './sku/lookupSku';

export * from './api/kubernetes';
export * from './api/workspace';
export * from './api/nodeClaim';
export * from './api/nodePool';

export type { InferenceRuntime, ModelPreset } from './presets/modelPreset';
export { MODEL_PRESETS, diskForWeightsGiB, SYSTEM_DISK_GIB } from './presets/presets';
export { CATALOG_MODELS } from './presets/catalogModels';
export type { CatalogModel } from './presets/catalogModels';
export { servedModelName } from './presets/servedModelName';
export { kvCacheBytesPerToken } from './presets/kvCacheBytesPerToken';
export { LEGACY_PRESET_NAMES, GATED_MODELS, RETIRED_PRESETS } from './presets/legacyPresetNames';
export type { RetiredPresetKind } from './presets/legacyPresetNames';
export { TRANSFORMERS_RUN_PARAMS, TUNING_SUPPORT } from './presets/transformersRuntime';
export { vllmModelFlags, vllmUsesDeepGemm, disablesKvCacheCpuOffload } from './presets/vllmModelFlags';
export type { VllmModel } from './presets/vllmModelFlags';
export type { TuningSupport, TransformersRunParams } from './presets/transformersRuntime';
export {
  findPreset,
  retiredPresetKind,
  isHuggingFaceModelId,
  baseImage,
  DEFAULT_PRESET_REGISTRY,
  DEFAULT_BASE_IMAGE_TAG,
} from './presets/findPreset';
export type { FindPresetOptions } from './presets/findPreset';

export type { Issue } from './schema/issue';
export { formatIssuePath } from './schema/issue';
export { workspaceSchema } from './schema/workspaceSchema';
export { parseWorkspace } from './schema/parseWorkspace';
export type { ParseWorkspaceResult } from './schema/parseWorkspace';
export {
  parseWorkspaceYaml,
  parseWorkspaceDocuments,
  readYamlDocuments,
  isWorkspaceDocument,
} from './schema/parseWorkspaceYaml';
export type { YamlDocument } from './schema/parseWorkspaceYaml';

export * from './labels';
export * from './conditions';
export * from './permissions';
export { kaitoAuditReadPermission } from './auditPermission';
export * from './keys';
export { DEFAULT_WORKSPACES_PATH, readWorkspacesPath, workspacePagePath, workspacesPathProblem, workspacesSearchPath } from './portalLinks';
export {
  KAITO_WORKSPACE_ANNOTATION,
  LEGACY_KAITO_WORKSPACE_ANNOTATION,
  readWorkspaceAnnotation,
} from './entity/workspaceAnnotation';
export {
  LLM_WORKSPACE_TYPE,
  RELATION_HAS_LLM_WORKSPACE,
  RELATION_LLM_WORKSPACE_OF,
} from './entity/workspaceRelations';

export type { KaitoCatalog, PriceTable } from './catalog/kaitoCatalog';
export { parseCustomSkus, customSkuSchema } from './catalog/customSku';
export type { CustomSkuConfig } from './catalog/customSku';
export { parseCustomPresets, customPresetSchema } from './catalog/customPreset';
export type { CustomPresetConfig } from './catalog/customPreset';
export { parseKaitoCatalog } from './catalog/parseKaitoCatalog';
export { EXAMPLE_PRICES } from './pricing/examplePrices';
export { estimateCost, pricePerNodeHour } from './pricing/estimateCost';
export type { CostEstimate } from './pricing/estimateCost';
export { costSoFar, costStoppedAt, isCostStopped } from './pricing/workspaceCost';
export {
  estimateVllmNodeCount,
  requestedNodeCount,
  VLLM_GPU_MEMORY_UTILIZATION,
  DEFAULT_ESTIMATOR_MAX_MODEL_LEN,
} from './sizing/estimateNodeCount';
export type { EstimatorModel, NodeEstimate } from './sizing/estimateNodeCount';
export { checkFit } from './sizing/checkFit';
export { checkTuningFit } from './sizing/checkTuningFit';
export type { FitRequest, FitResult } from './sizing/checkFit';
export { recommendSkus } from './sizing/recommendSkus';
export type { RecommendSkusRequest, SkuRecommendation } from './sizing/recommendSkus';

export type { ValidationContext } from './validation/validationContext';
export { validateWorkspaceCreate } from './validation/validateWorkspaceCreate';
export type { ValidationResult } from './validation/validateWorkspaceCreate';
export { validateWorkspaceUpdate } from './validation/validateWorkspaceUpdate';
export { workspaceRuntime } from './validation/runtime';
export { checkDataUrl, describeUnsafeAddress, describeUnsafeDataUrl, describeUnsafeHostName } from './validation/dataUrl';
export type { DataUrlTarget } from './validation/dataUrl';
export { isValidImageReference } from './validation/imageReference';
export { MAX_ADAPTERS } from './validation/rules/inferenceRules';
export { canonicalize, canonicalJson } from './util/canonicalJson';
export { canonicalQuantity, parseQuantity, quantitiesEqual } from './util/quantity';
export type { ParsedQuantity, QuantityFormat } from './util/quantity';

export { sha256Hex } from './util/sha256';
export type { RenderSettings } from './manifests/renderSettings';
export { KAITO_HELPER_IMAGES } from './manifests/renderSettings';
export { trustsRemoteCode } from './manifests/trustRemoteCode';
export { inferenceGpuResourceName } from './manifests/gpuResource';
export { byoGpuShape, gpuShapeFromNodeLabels } from './sku/byoGpuShape';
export type { ByoGpuShape, LabelledNode } from './sku/byoGpuShape';
export { workspaceServedModels } from './manifests/servedModels';
export { explicitMaxModelLen, INFERENCE_CONFIG_KEY } from './manifests/inferenceConfig';
export { TUNING_CONFIG_KEY } from './validation/rules/tuningConfigRules';
export {
  parseBenchmarkLog,
  readBenchmarkFigures,
  benchmarkRuntimeConfig,
  BASE_IMAGE_RUNTIME_VERSIONS,
  BENCHMARK_CONFIG_TAG,
  BENCHMARK_LOAD_KEYS,
  BENCHMARK_LOG_TAIL_LINES,
  BENCHMARK_RESULT_TAG,
  BenchmarkRuntimeKeys,
} from './benchmark/benchmarkResult';
export type { BenchmarkFigure, BenchmarkResult } from './benchmark/benchmarkResult';
export { resolveRenderContext, computeTargetNodeCount } from './manifests/renderContext';
export type { RenderContext } from './manifests/renderContext';
export { computeWorkspaceHash } from './manifests/revisionHash';
export { workspaceOwnerReference } from './manifests/metadata';
export { renderNodeClaims, nodeClaimName } from './manifests/renderNodeClaims';
export { renderNodePool, nodePoolName } from './manifests/renderNodePool';
export {
  renderService,
  renderHeadlessService,
  headlessServiceName,
  INFERENCE_CONTAINER_PORT,
} from './manifests/renderServices';
export { renderInferenceStatefulSet, LOCAL_NVME_STORAGE_CLASS, MODEL_WEIGHTS_VOLUME } from './manifests/renderInferenceStatefulSet';
export { renderTuningJob } from './manifests/renderTuningJob';
export {
  renderParamsTemplates,
  renderTuningConfigMap,
  tuningConfigMapName,
  TUNING_OUTPUT_DIR,
} from './manifests/paramsTemplates';
export { readinessTimeoutSeconds } from './manifests/probes';
export {
  renderWorkspaceChildren,
  renderWorkloadObjects,
  listWorkspaceChildren,
} from './manifests/renderWorkspaceChildren';
export type { WorkspaceChildren } from './manifests/renderWorkspaceChildren';
export { manifestsToYaml } from './manifests/toYaml';

export { workspaceCrd } from './crds/workspaceCrd';
export { inferenceSetCrd } from './crds/inferenceSetCrd';
export * from './inferenceSet/inferenceSet';
export { parseInferenceSet } from './inferenceSet/parseInferenceSet';
export type { ParseInferenceSetResult } from './inferenceSet/parseInferenceSet';
export { validateInferenceSetCreate, validateInferenceSetUpdate } from './inferenceSet/validateInferenceSet';
export {
  renderInferenceSetWorkspace,
  inferenceSetOwnerReference,
  inferenceSetSelector,
  inferenceSetChildLabels,
} from './inferenceSet/renderInferenceSetWorkspace';
export {
  ScaledObjectAnnotations,
  KEDA_KAITO_SCALER,
  inferenceSetAutoscaling,
  replicasAllowedByNodeCountLimit,
  renderInferenceSetScaledObject,
} from './inferenceSet/inferenceSetAutoscaling';
export type { InferenceSetAutoscaling } from './inferenceSet/inferenceSetAutoscaling';
export { inferenceSetStatus, replicaPhase, replicasToDelete } from './inferenceSet/inferenceSetStatus';
export type { ReplicaPhase } from './inferenceSet/inferenceSetStatus';
export { cronScheduleProblem, parseGoDurationMs } from './inferenceSet/cronSchedule';
export { replicaTotals } from './inferenceSet/replicaTotals';
export type { ReplicaTotals } from './inferenceSet/replicaTotals';
export {
  AUTOSCALING_METRICS,
  MAX_INFERENCE_SET_REPLICAS,
  createInferenceSetRequestSchema,
  scaleInferenceSetRequestSchema,
  parseCreateInferenceSetRequest,
  parseScaleInferenceSetRequest,
  replicaWorkspaceRequest,
  inferenceSetFromRequest,
  summarizeInferenceSet,
} from './inferenceSet/inferenceSetRequests';
export type {
  AutoscalingMetric,
  CreateInferenceSetRequest,
  ScaleInferenceSetRequest,
  InferenceSetReplica,
  InferenceSetSummary,
} from './inferenceSet/inferenceSetRequests';
export { nodeClaimCrd, nodePoolCrd } from './crds/karpenterCrds';
export { renderControllerRbac, CONTROLLER_SERVICE_ACCOUNT } from './crds/controllerRbac';
export type { ControllerRbacOptions } from './crds/controllerRbac';
export {
  CONTROLLER_PERMISSIONS,
  DEFAULT_CONTROLLER_NAMESPACE,
  VERB_ORDER,
  controllerPermissionsFor,
  permissionResource,
} from './crds/controllerPermissions';
export type {
  ControllerPermission,
  ControllerPermissionContext,
  ControllerVerb,
} from './crds/controllerPermissions';

export type * from './rest/types';
export type { components, operations, paths } from './rest/generated/openapi';
export { workspaceFromRequest, toLabelValue } from './rest/workspaceFromRequest';
export { summarizeWorkspace } from './rest/summarizeWorkspace';
export { workspaceListTotals, workspaceListFacets } from './rest/workspaceListTotals';
export type { WorkspaceListTotals, WorkspaceListFacets } from './rest/workspaceListTotals';
export { provisioningSteps, hintFor } from './rest/provisioningSteps';
export type { PodProgress } from './rest/provisioningSteps';
export {
  createWorkspaceRequestSchema,
  fitRequestSchema,
  parseCreateWorkspaceRequest,
  parseFitRequest,
  parseUpdateWorkspaceRequest,
  trustRemoteCodeRequestSchema,
  updateWorkspaceRequestSchema,
} from './rest/requestSchemas';
export { applyWorkspaceUpdate } from './rest/applyWorkspaceUpdate';
export { InputLimits } from './rest/inputLimits';
export type { InputLimit } from './rest/inputLimits';
export { workspaceEntityName } from './rest/workspaceEntityName';
export { canonicalEntityRef, canonicalGroupRef } from './rest/entityRefs';
export { estimateTokens } from './rest/chatHistory';
export type { ChatHistoryMessage, ChatHistoryResponse } from './rest/chatHistory';
export type { CanonicalEntityRef } from './rest/entityRefs';
export { chatCompletionRequestSchema, parseChatCompletionRequest, SUPPORTED_CHAT_FIELDS } from './rest/chatRequest';
export type { ChatCompletionRequest } from './rest/chatRequest';
export { readServerSentEvents } from './rest/readServerSentEvents';
export { WORKSPACE_CHANGED_TOPIC } from './rest/workspaceChangedTopic';
export { NO_CLUSTERS_GUIDANCE } from './rest/noClusters';
export type { ServerSentEvent } from './rest/readServerSentEvents';
