/**
 * The fund-flow graph: fund → fund → institution ← claim ← dispense ← prescription ← doctor (a
 * claim's trace), or a case's linked money (claims, transfers, batches, funds, institutions); each node clickable.
 */
import cytoscape, { type Core, type ElementDefinition } from 'cytoscape';
import { useEffect, useRef } from 'react';

export interface FlowNode {
  id: string;
  label: string;
  /** What the graph writes under the node: its kind and a short id. */
  short: string;
  kind: 'fund' | 'institution' | 'claim' | 'dispense' | 'prescription' | 'doctor' | 'transfer' | 'batch';
  /** The record behind the node, for its history: docType and id. */
  record?: { docType: string; id: string };
}

export interface FlowEdge {
  from: string;
  to: string;
  label: string;
  money?: boolean;
}

const COLOURS: Record<FlowNode['kind'], string> = {
  fund: '#1d5fbf', institution: '#13a8a8', claim: '#d48806', dispense: '#7cb305', prescription: '#531dab', doctor: '#c41d7f',
  transfer: '#389e0d', batch: '#08979c',
};

export function FlowGraph({ nodes, edges, onSelect, selected }: { nodes: FlowNode[]; edges: FlowEdge[]; onSelect(node: FlowNode): void; selected?: string }) {
  const el = useRef<HTMLDivElement>(null);
  const cy = useRef<Core>();
  const latest = useRef(onSelect);
  latest.current = onSelect;

  useEffect(() => {
    if (!el.current) return undefined;
    // Left to right in the order money and records flow; two rows so the labels have room.
    const elements: ElementDefinition[] = [
      ...nodes.map((n, i) => ({
        data: { id: n.id, label: n.short, colour: COLOURS[n.kind] },
        position: { x: i * 110, y: i % 2 === 0 ? 0 : 80 },
      })),
      ...edges.map((e, i) => ({ data: { id: `e${i}`, source: e.from, target: e.to, label: e.label, width: e.money ? 4 : 2, colour: e.money ? '#1d5fbf' : '#8c8c8c' } })),
    ];
    const instance = cytoscape({
      container: el.current,
      elements,
      layout: { name: 'preset', fit: true, padding: 40 },
      wheelSensitivity: 0.3,
      style: [
        { selector: 'node', style: { 'background-color': 'data(colour)', label: 'data(label)', color: '#1f1f1f', 'font-size': 12, 'text-wrap': 'wrap', 'text-max-width': '120px', 'text-valign': 'bottom', 'text-margin-y': 6, width: 34, height: 34 } },
        { selector: 'node:selected', style: { 'border-width': 4, 'border-color': '#faad14' } },
        { selector: 'edge', style: { width: 'data(width)', 'line-color': 'data(colour)', 'target-arrow-color': 'data(colour)', 'target-arrow-shape': 'triangle', 'curve-style': 'bezier', label: 'data(label)', 'font-size': 10, 'text-background-color': '#fff', 'text-background-opacity': 1, 'text-background-padding': '2px' } },
      ],
    });
    instance.on('tap', 'node', (event) => {
      const node = nodes.find((n) => n.id === event.target.id());
      if (node) latest.current(node);
    });
    cy.current = instance;
    return () => instance.destroy();
  }, [nodes, edges]);

  useEffect(() => {
    cy.current?.nodes().unselect();
    if (selected) cy.current?.getElementById(selected).select();
  }, [selected]);

  return <div ref={el} data-testid="flow-graph" role="img" aria-label="fund flow" style={{ width: '100%', height: 360, border: '1px solid #f0f0f0', borderRadius: 8, background: '#fafcff' }} />;
}
