/** The genetic algorithm's size and seed: population, generations, random seed. */
import { Field } from '../../components/Field';
import type { OptimizeForm } from './optimize-form';

type GaForm = Pick<OptimizeForm, 'population' | 'generations' | 'seed'>;

const whole = (text: string) => Math.round(Number(text));

export function GaFields({
  value,
  onChange,
  errorOf,
}: {
  value: GaForm;
  onChange: (patch: Partial<GaForm>) => void;
  errorOf: (field: keyof GaForm) => string | null;
}) {
  return (
    <>
      <Field
        label="Population"
        hint="Candidates per generation (at least 4)."
        type="number"
        min={4}
        value={value.population}
        error={errorOf('population')}
        onChange={(e) => onChange({ population: whole(e.target.value) })}
      />
      <Field
        label="Generations"
        hint="Rounds of selection, crossover and mutation per fold."
        type="number"
        min={1}
        value={value.generations}
        error={errorOf('generations')}
        onChange={(e) => onChange({ generations: whole(e.target.value) })}
      />
      <Field
        label="Seed"
        hint="The same seed, data and settings give the same weights."
        type="number"
        value={value.seed}
        error={errorOf('seed')}
        onChange={(e) => onChange({ seed: whole(e.target.value) })}
      />
    </>
  );
}
