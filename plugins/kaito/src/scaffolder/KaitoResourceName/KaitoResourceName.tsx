import type {
  CustomFieldValidator,
  FieldExtensionComponentProps,
} from '@backstage/plugin-scaffolder-react';
import TextField from '@material-ui/core/TextField';
import { nameProblems } from './nameProblems';

/** `ui:options` of `KaitoResourceName`. @public */
export interface KaitoResourceNameUiOptions {
  /** Allow '.' too, as in adapter names. @defaultValue false */
  allowDots?: boolean;
}

/**
 * Scaffolder field for a workspace or namespace name: a text field whose
 * errors say in plain words what Kubernetes' naming rules want, instead of
 * the schema `pattern`'s regular expression.
 *
 * @public
 */
export const KaitoResourceName = (
  props: FieldExtensionComponentProps<string, KaitoResourceNameUiOptions>,
) => {
  const {
    formData,
    onChange,
    schema,
    rawErrors,
    required,
    disabled,
    idSchema,
  } = props;
  return (
    <TextField
      id={idSchema?.$id}
      label={schema.title ?? 'Name'}
      value={formData ?? ''}
      required={required}
      disabled={disabled}
      fullWidth
      margin="normal"
      variant="outlined"
      // The form lists rawErrors under the field; the flag colours it.
      error={Boolean(rawErrors?.length)}
      helperText={schema.description}
      onChange={e => onChange(e.target.value.trim() || undefined)}
    />
  );
};

/**
 * Blocks Next on a name Kubernetes would refuse, saying why.
 *
 * @public
 */
export const validateResourceName: CustomFieldValidator<
  string,
  KaitoResourceNameUiOptions
> = (value, validation, { uiSchema }) => {
  if (value === undefined) {
    return; // the schema's `required` speaks for an empty field
  }
  const allowDots = Boolean(uiSchema?.['ui:options']?.allowDots);
  for (const problem of nameProblems(value, { allowDots })) {
    validation.addError(problem);
  }
};
