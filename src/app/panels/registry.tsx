/** The app's panels, in navigation order. Panels not built yet say so. */
import type { ReactNode } from 'react';
import { SettingsPanel } from './SettingsPanel';
import { DataPanel } from './DataPanel';
import { TrainPanel } from './TrainPanel';
import { BacktestPanel } from './BacktestPanel';
import { ModelsPanel } from './ModelsPanel';
import { OptimizePanel } from './OptimizePanel';
import { TunePanel } from './TunePanel';
import { ArtifactsPanel } from './ArtifactsPanel';
import { LivePanel } from './LivePanel';

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
    render: () => <BacktestPanel />,
  },
  {
    id: 'models',
    label: 'Models',
    render: () => <ModelsPanel />,
  },
  {
    id: 'artifacts',
    label: 'Artifacts',
    render: () => <ArtifactsPanel />,
  },
  {
    id: 'optimize',
    label: 'Optimize',
    render: () => <OptimizePanel />,
  },
  { id: 'tune', label: 'Tune', render: () => <TunePanel /> },
  { id: 'live', label: 'Live', render: () => <LivePanel /> },
  { id: 'settings', label: 'Settings', render: () => <SettingsPanel /> },
];
