/**
 * The hospital's encounters (RX-03): find the patient, record the visit when it happens —
 * outpatient or emergency on its date, an inpatient stay from admission to discharge — with its
 * attending doctor, diagnoses, the prescriptions of the visit and the priced fee lines; and the
 * patient's encounters at this hospital.
 */
import { Button, Card, Col, DatePicker, Form, Input, InputNumber, Result, Row, Select, Space, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { answer, api } from '../../api/client';
import { ENCOUNTER_TYPES, FEE_CATEGORIES, type EncounterKind, type EncounterRecord, type FeeCategory, type Page, type Written } from '../../api/model';
import { Money, PagedTable, when } from '../../components/data';
import { ErrorAlert, showFieldErrors } from '../../components/errors';
import { useSession } from '../../session';
import { PATIENT_FIELDS, PatientFields, type Patient } from './PatientFields';

interface LineInput {
  item: string;
  category: FeeCategory;
  code?: string;
  unitPriceYuan: number;
  quantity: number;
}

interface EncounterForm {
  patient: Patient;
  type: EncounterKind;
  department: string;
  attendingDoctorId: string;
  diagnosisCodes: string[];
  serviceDate?: Dayjs;
  stay?: [Dayjs, Dayjs];
  rxIds?: string[];
  feeLines: LineInput[];
}

const fenOf = (yuan: number | undefined): number => Math.round((yuan ?? 0) * 100);
const day = (d: Dayjs): string => d.format('YYYY-MM-DD');

/** The API's fee-line fields are the form's, but for the price in yuan and the one code field. */
const formFieldOf = (field: string): string =>
  field.replace(/^(feeLines\[\d+\])\.unitPriceFen$/, '$1.unitPriceYuan').replace(/^(feeLines\[\d+\])\.(drugCode|itemCode)$/, '$1.code').replace(/^(admissionDate|dischargeDate)$/, 'stay');

export function Encounters() {
  const { t } = useTranslation();
  const session = useSession();
  const [form] = Form.useForm<EncounterForm>();
  const [patientRef, setPatientRef] = useState<string>();
  const [patientError, setPatientError] = useState<unknown>();
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(false);
  const [recorded, setRecorded] = useState<EncounterRecord>();
  const [refresh, setRefresh] = useState(0);
  const idempotencyKey = useRef(crypto.randomUUID());
  const type = Form.useWatch('type', form);
  const lines = Form.useWatch('feeLines', form);
  const totalFen = (lines ?? []).reduce((sum, l) => sum + fenOf(l?.unitPriceYuan) * (l?.quantity ?? 0), 0);

  const findPatient = async () => {
    setPatientError(undefined);
    try {
      const { patient } = await form.validateFields(PATIENT_FIELDS);
      const { patientRef: ref } = await answer<{ patientRef: string }>(api.POST('/patients/ref', { body: { patient: { ...patient, name: patient.name.trim() } } }));
      setPatientRef(ref);
    } catch (err) {
      if (err && typeof err === 'object' && 'errorFields' in err) return;
      if (!showFieldErrors(form, err, (f) => `patient.${f.replace(/^patient\./, '')}`)) setPatientError(err);
    }
  };

  const record = async (v: EncounterForm) => {
    if (!patientRef) return;
    setBusy(true);
    setError(undefined);
    try {
      const { encounter } = await answer<Written<'encounter', EncounterRecord>>(api.POST('/encounters', {
        params: { header: { 'Idempotency-Key': idempotencyKey.current } },
        body: {
          patientRef,
          type: v.type,
          department: v.department.trim(),
          attendingDoctorId: v.attendingDoctorId.trim(),
          diagnosisCodes: v.diagnosisCodes,
          ...(v.type === 'inpatient'
            ? (v.stay ? { admissionDate: day(v.stay[0]), dischargeDate: day(v.stay[1]) } : {})
            : (v.serviceDate ? { serviceDate: day(v.serviceDate) } : {})),
          ...(v.rxIds?.length ? { rxIds: v.rxIds } : {}),
          feeLines: v.feeLines.map((l) => {
            const unitPriceFen = fenOf(l.unitPriceYuan);
            const code = l.code?.trim();
            return {
              item: l.item.trim(), category: l.category, unitPriceFen, quantity: l.quantity, amountFen: unitPriceFen * l.quantity,
              ...(code ? (l.category === 'drug' ? { drugCode: code } : { itemCode: code }) : {}),
            };
          }),
        },
      }));
      setRecorded(encounter);
      setRefresh((n) => n + 1);
      // The next visit starts empty (the patient stays): a second click does not record this one twice.
      form.resetFields(['department', 'diagnosisCodes', 'rxIds', 'feeLines']);
      idempotencyKey.current = crypto.randomUUID();
    } catch (err) {
      idempotencyKey.current = crypto.randomUUID();
      if (!showFieldErrors(form, err, formFieldOf)) setError(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <Typography.Title level={3} style={{ marginTop: 0 }}>{t('encounter.title')}</Typography.Title>
      <Form<EncounterForm>
        form={form}
        layout="vertical"
        autoComplete="off"
        scrollToFirstError
        onFinish={(v) => void record(v)}
        initialValues={{
          patient: { idType: 'ID_CARD' }, type: 'outpatient', attendingDoctorId: session.licenceId, diagnosisCodes: [], serviceDate: dayjs(),
          feeLines: [{ category: 'service', quantity: 1 }],
        }}
      >
        <Card title={t('doctor.patient')} size="small" style={{ marginBottom: 16 }}>
          <PatientFields />
          <Space wrap>
            <Button onClick={() => void findPatient()} data-testid="find-patient">{t('doctor.findPatient')}</Button>
            {patientRef && <span data-testid="patient-ref">{t('doctor.patientRef')} <code>{patientRef.slice(0, 12)}…</code></span>}
          </Space>
          <ErrorAlert error={patientError} />
        </Card>
        {patientRef && (
          <>
            <Card title={t('encounter.visit')} size="small" style={{ marginBottom: 16 }}>
              <Row gutter={12}>
                <Col xs={24} md={6}>
                  <Form.Item name="type" label={t('encounter.type')}><Select options={ENCOUNTER_TYPES.map((k) => ({ value: k, label: t(`encounterType.${k}`) }))} /></Form.Item>
                </Col>
                <Col xs={24} md={6}>
                  <Form.Item name="department" label={t('encounter.department')} rules={[{ required: true, whitespace: true, max: 64 }]}><Input /></Form.Item>
                </Col>
                <Col xs={24} md={6}>
                  <Form.Item name="attendingDoctorId" label={t('encounter.attending')} rules={[{ required: true, whitespace: true }]}><Input /></Form.Item>
                </Col>
                <Col xs={24} md={6}>
                  {type === 'inpatient' ? (
                    <Form.Item name="stay" label={t('encounter.stay')} rules={[{ required: true }]}><DatePicker.RangePicker /></Form.Item>
                  ) : (
                    <Form.Item name="serviceDate" label={t('encounter.serviceDate')} rules={[{ required: true }]}><DatePicker /></Form.Item>
                  )}
                </Col>
              </Row>
              <Row gutter={12}>
                <Col xs={24} md={12}>
                  <Form.Item name="diagnosisCodes" label={t('doctor.diagnoses')} rules={[{ required: true, type: 'array', min: 1, message: t('doctor.diagnosesRequired') }]} extra={t('doctor.diagnosesHint')}>
                    <Select mode="tags" tokenSeparators={[',', ' ']} open={false} aria-label={t('doctor.diagnoses')} />
                  </Form.Item>
                </Col>
                <Col xs={24} md={12}>
                  <Form.Item name="rxIds" label={t('encounter.rxIds')} extra={t('encounter.rxIdsHint')}>
                    <Select mode="tags" tokenSeparators={[',', ' ']} open={false} placeholder="RX-…" />
                  </Form.Item>
                </Col>
              </Row>
            </Card>
            <Card title={t('encounter.feeLines')} size="small" style={{ marginBottom: 16 }} extra={<span>{t('encounter.total')} <Money fen={totalFen} /></span>}>
              <Form.List name="feeLines">
                {(fields, { add, remove }) => (
                  <>
                    {fields.map((f) => (
                      <Space key={f.key} align="start" wrap>
                        <Form.Item name={[f.name, 'item']} label={t('encounter.item')} rules={[{ required: true, whitespace: true, max: 128 }]}><Input style={{ width: 180 }} /></Form.Item>
                        <Form.Item name={[f.name, 'category']} label={t('encounter.category')}>
                          <Select style={{ width: 120 }} options={FEE_CATEGORIES.map((c) => ({ value: c, label: t(`feeCategory.${c}`) }))} />
                        </Form.Item>
                        <Form.Item name={[f.name, 'code']} label={t('encounter.code')}><Input style={{ width: 140 }} /></Form.Item>
                        <Form.Item name={[f.name, 'unitPriceYuan']} label={t('pharmacist.unitPrice')} rules={[{ required: true }]}><InputNumber min={0} precision={2} prefix="¥" /></Form.Item>
                        <Form.Item name={[f.name, 'quantity']} label={t('encounter.quantity')} rules={[{ required: true }]}><InputNumber min={1} precision={0} /></Form.Item>
                        {fields.length > 1 && <Button onClick={() => remove(f.name)} style={{ marginTop: 30 }}>{t('common.remove')}</Button>}
                      </Space>
                    ))}
                    <Button onClick={() => add({ category: 'service', quantity: 1 })}>{t('encounter.addLine')}</Button>
                  </>
                )}
              </Form.List>
            </Card>
            <ErrorAlert error={error} onClose={() => setError(undefined)} />
            <Button type="primary" htmlType="submit" size="large" loading={busy} data-testid="record-encounter">{t('encounter.record')}</Button>
          </>
        )}
      </Form>
      {recorded && (
        <Result status="success" title={t('encounter.recorded')} data-testid="encounter-recorded"
          subTitle={<span><code data-testid="encounter-id">{recorded.encounterId}</code> · <Money fen={recorded.totalFen} /></span>} />
      )}
      {patientRef && (
        <Card title={t('encounter.mine')} size="small" style={{ marginTop: 16 }}>
          <PagedTable<EncounterRecord>
            rowKey="encounterId"
            deps={[patientRef]}
            refreshKey={refresh}
            fetchPage={(bookmark, pageSize) => answer<Page<EncounterRecord>>(api.GET('/patients/{patientRef}/encounters', {
              params: { path: { patientRef }, query: { pageSize, ...(bookmark ? { bookmark } : {}) } },
            }))}
            columns={[
              { title: t('encounter.id'), dataIndex: 'encounterId', render: (s: string) => <code>{s}</code> },
              { title: t('encounter.type'), dataIndex: 'type', render: (k: EncounterKind) => t(`encounterType.${k}`) },
              { title: t('encounter.department'), dataIndex: 'department' },
              { title: t('encounter.when'), key: 'w', render: (_: unknown, e) => e.serviceDate ?? `${e.admissionDate ?? ''} – ${e.dischargeDate ?? ''}` },
              { title: t('doctor.diagnoses'), key: 'd', render: (_: unknown, e) => e.diagnosisCodes.join(', ') },
              { title: t('encounter.total'), dataIndex: 'totalFen', render: (f: number) => <Money fen={f} /> },
              { title: t('records.time'), key: 'r', render: (_: unknown, e) => when(e.recorded.at) },
            ]}
          />
        </Card>
      )}
    </>
  );
}
