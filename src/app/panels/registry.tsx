/** The app's panels, in navigation order. Panels not built yet say so. */
import type { ReactNode } from 'react';
import { NotBuiltPanel } from './NotBuiltPanel';
import { SettingsPanel } from './SettingsPanel';
import { DataPanel } from './DataPanel';
import { TrainPanel } from './TrainPanel';

export interface PanelDef {
  id: string;
  label: string;
  render: () => ReactNode;
}

export const PANELS: PanelDef[] = [
  {
    id: 'data',
    label: 'Data',
    render: () => <DataPanel />,
  },
  {
    id: 'train',
    label: 'Train',
    render: () => <TrainPanel />,
  },
  {
    id: 'backtest',
    label: 'Backtest',
    render: () => (
      <NotBuiltPanel
        title="Backtest"
        plan="Walk-forward backtests with online learning, fees and slippage come after training."
      />
    ),
  },
  {
    id: 'models',
    label: 'Models',
    render: () => <NotBuiltPanel title="Models" plan="Saved models will be listed here once training exists." />,
  },
  {
    id: 'artifacts',
    label: 'Artifacts',
    render: () => <NotBuiltPanel title="Artifacts" plan="Backtest runs and their files will be listed here." />,
  },
  {
    id: 'optimize',
    label: 'Optimize',
    render: () => (
      <NotBuiltPanel title="Optimize" plan="The genetic-algorithm optimizer for signal weights is not built yet." />
    ),
  },
  { id: 'settings', label: 'Settings', render: () => <SettingsPanel /> },
];
