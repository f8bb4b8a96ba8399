{{/* The chart's name, at most 63 characters (a Kubernetes name limit). */}}
{{- define "storefront.name" -}}
{{- .Chart.Name | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/* Name of every object: the release name, prefixed with the chart name unless it already contains it. */}}
{{- define "storefront.fullname" -}}
{{- if contains .Chart.Name .Release.Name }}
{{- .Release.Name | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- printf "%s-%s" .Release.Name .Chart.Name | trunc 63 | trimSuffix "-" }}
{{- end }}
{{- end }}

{{/* Labels that select the service's pods; never change them on an installed release (selectors are immutable). */}}
{{- define "storefront.selectorLabels" -}}
app.kubernetes.io/name: {{ include "storefront.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/component: api
{{- end }}

{{/* Labels of every object. */}}
{{- define "storefront.labels" -}}
{{ include "storefront.selectorLabels" . }}
app.kubernetes.io/part-of: storefront
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" }}
{{- end }}

{{- define "storefront.image" -}}
{{ .Values.image.repository }}:{{ .Values.image.tag | default .Chart.AppVersion }}
{{- end }}

{{/* The JDBC URL: database.url, or the primary of the chart's CloudNativePG cluster. */}}
{{- define "storefront.databaseUrl" -}}
{{- if .Values.database.url }}
{{- .Values.database.url }}
{{- else }}
{{- printf "jdbc:postgresql://%s-db-rw:5432/storefront" (include "storefront.fullname" .) }}
{{- end }}
{{- end }}

{{/* The Secret with the database user's `username` and `password`. */}}
{{- define "storefront.databaseSecret" -}}
{{- .Values.database.existingSecret | default (printf "%s-db-credentials" (include "storefront.fullname" .)) }}
{{- end }}

{{/* The Secret with the JWT public key. */}}
{{- define "storefront.jwtSecret" -}}
{{- .Values.jwt.publicKey.existingSecret | default (printf "%s-jwt" (include "storefront.fullname" .)) }}
{{- end }}

{{/* The Secret with the OpenSearch user's password: never a value of the chart, always a Secret of yours. */}}
{{- define "storefront.opensearchSecret" -}}
{{- required "search.opensearch.existingSecret is required when search.opensearch.username is set" .Values.search.opensearch.existingSecret }}
{{- end }}
