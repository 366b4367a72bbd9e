import { InfoCard } from '@backstage/core-components';
import Step from '@material-ui/core/Step';
import StepContent from '@material-ui/core/StepContent';
import StepLabel from '@material-ui/core/StepLabel';
import Stepper from '@material-ui/core/Stepper';
import Typography from '@material-ui/core/Typography';
import Alert from '@material-ui/lab/Alert';
import type { ProvisioningStep } from '@kaito-backstage/plugin-kaito-common';
import { cardHeading } from '../../shared/cardHeading';

/**
 * The provisioning steps (node claim → node ready → image pulled → model
 * loaded → ready, or the tuning job's). The step that is active or failed is
 * open and shows the reason, the message and what to do.
 *
 * @internal
 */
export const ProvisioningTimeline = ({
  steps,
}: {
  steps: ProvisioningStep[];
}) => {
  const openIndex = steps.findIndex(
    step => step.status === 'failed' || step.status === 'active',
  );
  const activeStep = openIndex >= 0 ? openIndex : steps.length;
  return (
    <InfoCard titleTypographyProps={cardHeading} title="Provisioning" noPadding>
      <Stepper
        orientation="vertical"
        activeStep={activeStep}
        aria-label="Provisioning steps"
      >
        {steps.map(step => (
          <Step
            key={step.id}
            completed={step.status === 'done'}
            expanded={step.status === 'failed' || step.status === 'active'}
          >
            <StepLabel
              error={step.status === 'failed'}
              optional={
                step.reason ? (
                  <Typography
                    variant="caption"
                    color={step.status === 'failed' ? 'error' : 'textSecondary'}
                  >
                    {step.reason}
                  </Typography>
                ) : undefined
              }
            >
              {step.title}
            </StepLabel>
            <StepContent>
              {step.message && (
                <Typography variant="body2">{step.message}</Typography>
              )}
              {step.hint && (
                <Alert
                  severity={step.status === 'failed' ? 'error' : 'info'}
                  style={{ marginTop: 8 }}
                >
                  {step.hint}
                </Alert>
              )}
              {!step.message && !step.hint && step.status === 'active' && (
                <Typography variant="body2" color="textSecondary">
                  In progress…
                </Typography>
              )}
            </StepContent>
          </Step>
        ))}
      </Stepper>
    </InfoCard>
  );
};
