/**
 * The patient's identity fields of a doctor's form (under the form's `patient` name): held in the
 * form's memory and sent in request bodies only, never in an address, the history or a log.
 */
import { Col, Form, Input, Row, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import type { PatientIdType } from '../../api/model';

export interface Patient {
  idType: PatientIdType;
  idNumber: string;
  name: string;
}

const ID_TYPES: PatientIdType[] = ['ID_CARD', 'PASSPORT', 'HMT_PERMIT', 'FOREIGN_PR'];
export const ID_NUMBER = /^[A-Za-z0-9-]{4,32}$/;
/** The form's name paths of the three fields, for validateFields. */
export const PATIENT_FIELDS = [['patient', 'idType'], ['patient', 'idNumber'], ['patient', 'name']];

export function PatientFields() {
  const { t } = useTranslation();
  return (
    <Row gutter={12}>
      <Col xs={24} md={6}>
        <Form.Item name={['patient', 'idType']} label={t('doctor.idType')} rules={[{ required: true }]}>
          <Select options={ID_TYPES.map((v) => ({ value: v, label: t(`idType.${v}`) }))} />
        </Form.Item>
      </Col>
      <Col xs={24} md={9}>
        <Form.Item name={['patient', 'idNumber']} label={t('doctor.idNumber')} rules={[{ required: true, pattern: ID_NUMBER, message: t('doctor.idNumberRule') }]}>
          <Input autoComplete="off" />
        </Form.Item>
      </Col>
      <Col xs={24} md={9}>
        <Form.Item name={['patient', 'name']} label={t('doctor.name')} rules={[{ required: true, whitespace: true, max: 64 }]}>
          <Input autoComplete="off" />
        </Form.Item>
      </Col>
    </Row>
  );
}
