{{/*
The chart's name, or nameOverride.
*/}}
{{- define "hyperware-ext.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/*
The fully qualified name of the release's objects: fullnameOverride, or the release name, with the chart's name
appended unless the release name already contains it. Kept to 63 characters (DNS label).
*/}}
{{- define "hyperware-ext.fullname" -}}
{{- if .Values.fullnameOverride }}
{{- .Values.fullnameOverride | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- $name := default .Chart.Name .Values.nameOverride }}
{{- if contains $name .Release.Name }}
{{- .Release.Name | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- printf "%s-%s" .Release.Name $name | trunc 63 | trimSuffix "-" }}
{{- end }}
{{- end }}
{{- end }}

{{/*
chart-name-version, for the helm.sh/chart label.
*/}}
{{- define "hyperware-ext.chart" -}}
{{- printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/*
Labels on every object.
*/}}
{{- define "hyperware-ext.labels" -}}
helm.sh/chart: {{ include "hyperware-ext.chart" . }}
{{ include "hyperware-ext.selectorLabels" . }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
app.kubernetes.io/part-of: hyperware
{{- end }}

{{/*
Labels that select the release's pod: stable across upgrades, so never the version.
*/}}
{{- define "hyperware-ext.selectorLabels" -}}
app.kubernetes.io/name: {{ include "hyperware-ext.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end }}

{{/*
True (non-empty) when the node container is part of the pod.
*/}}
{{- define "hyperware-ext.withNode" -}}
{{- if eq .Values.mode "nodeAndExtension" }}true{{ end }}
{{- end }}

{{/*
The claim that holds the node's home directory.
*/}}
{{- define "hyperware-ext.nodeClaimName" -}}
{{- default (printf "%s-node-home" (include "hyperware-ext.fullname" .)) .Values.node.persistence.existingClaim }}
{{- end }}

{{/*
The extension's image reference; the tag defaults to the chart's appVersion.
*/}}
{{- define "hyperware-ext.extensionImage" -}}
{{- printf "%s:%s" .Values.extension.image.repository (default .Chart.AppVersion .Values.extension.image.tag) }}
{{- end }}

{{/*
The node's address as the extension sees it: always loopback, the only address a node accepts extensions on.
*/}}
{{- define "hyperware-ext.nodeUrl" -}}
{{- printf "ws://localhost:%d" (int .Values.node.port) }}
{{- end }}

{{/*
Checks that rendering must not get past. Messages name the value and the fix, and never repeat a value: a value that
looks like a cookie is a secret that must not be echoed either.
*/}}
{{- define "hyperware-ext.validate" -}}
{{- $process := required "extension.process is required: set it to the id of the interface process the extension serves, e.g. --set extension.process=myext:mypkg:publisher.os" .Values.extension.process }}
{{- if le (int .Values.terminationGracePeriodSeconds) (int .Values.extension.shutdownTimeoutSeconds) }}
{{- fail "terminationGracePeriodSeconds must be larger than extension.shutdownTimeoutSeconds: Kubernetes would kill the extension before Spring has finished its graceful shutdown" }}
{{- end }}
{{- include "hyperware-ext.validateNoInlineCookie" . }}
{{- end }}

{{/*
The auth cookie reaches the extension only from a Secret (authCookie.existingSecret). Rendering fails when any value
holds something that looks like a node login cookie or a JWT, or when a setting or an environment variable would set
the cookie inline, so that it can never end up in a manifest (and so in Helm's release record, in Git, in CI logs).
*/}}
{{- define "hyperware-ext.validateNoInlineCookie" -}}
{{- $fix := "put the cookie in a Secret (kubectl create secret generic NAME --from-literal=cookie=...) and set authCookie.existingSecret=NAME and authCookie.key" }}
{{- $all := toJson .Values }}
{{- if regexMatch "(hyperware|kinode)-auth_" $all }}
{{- fail (printf "a value holds a node login cookie (hyperware-auth_...): secrets must not be inlined in the chart's values; %s" $fix) }}
{{- end }}
{{- if regexMatch "eyJ[A-Za-z0-9_-]{4,}\\.eyJ[A-Za-z0-9_-]{4,}\\." $all }}
{{- fail (printf "a value holds a JSON Web Token: secrets must not be inlined in the chart's values; %s" $fix) }}
{{- end }}
{{- $settings := toJson .Values.extension.settings | lower | replace "-" "" | replace "_" "" }}
{{- if regexMatch "\"[a-z0-9.]*cookie\"\\s*:" $settings }}
{{- fail (printf "extension.settings must not set the auth cookie (or a Cookie handshake header); %s" $fix) }}
{{- end }}
{{- range .Values.extension.extraEnv }}
{{- $name := upper (toString .name) | replace "_" "" | replace "-" "" | replace "." "" }}
{{- $value := lower (toString (.value | default "")) | replace "-" "" | replace "_" "" }}
{{- if and (contains "COOKIE" $name) (hasKey . "value") }}
{{- fail (printf "extension.extraEnv %s must not carry its value inline: use valueFrom.secretKeyRef, or for the auth cookie %s" .name $fix) }}
{{- end }}
{{- if and (eq $name "SPRINGAPPLICATIONJSON") (contains "cookie" $value) }}
{{- fail (printf "extension.extraEnv SPRING_APPLICATION_JSON must not set the auth cookie; %s" $fix) }}
{{- end }}
{{- end }}
{{- end }}
