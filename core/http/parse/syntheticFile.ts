/**
 * A large, realistic `.http` file for the parser benchmark (`npm run bench`) and the performance test: DHIS2-style
 * requests cycling through every construct the parser handles. Deterministic, and it holds no token.
 */
export function syntheticHttpFile(requestCount: number): string {
	const parts: string[] = ['@baseUrl = https://dhis2.example.org', '@api = {{baseUrl}}/api/40', '@ou = ImspTQPwCqd', ''];
	for (let index = 0; index < requestCount; index++) {
		switch (index % 4) {
			case 0:
				parts.push(
					`### List data elements ${index}`,
					`# @name list${index}`,
					'GET {{api}}/dataElements',
					'    ?fields=id,name,valueType',
					`    &page=${(index % 50) + 1}`,
					'Accept: application/json',
					'Authorization: ApiToken {{$dhis2.token}}',
					'',
				);
				break;
			case 1:
				parts.push(
					'###',
					'# @timeout 30 s',
					'POST {{api}}/dataValueSets?dryRun=true HTTP/1.1',
					'Content-Type: application/json',
					'',
					'{',
					'  "dataValues": [',
					`    { "dataElement": "fbfJHSPpUQD", "period": "2024${String((index % 12) + 1).padStart(2, '0')}", "orgUnit": "{{ou}}", "value": "${index}" }`,
					'  ],',
					'  "comment": "{{$guid}} at {{$timestamp}}"',
					'}',
					'',
				);
				break;
			case 2:
				parts.push(
					'###',
					`// request ${index}`,
					`PUT {{api}}/dataElements/id${index}`,
					'Content-Type: application/json',
					'',
					'<@ ./dataElement.json',
					'',
				);
				break;
			default:
				parts.push(
					`### Delete ${index}`,
					'# @no-redirect',
					'# @note deletes metadata',
					`DELETE {{api}}/dataElements/{{list${index - 3}.response.body.$.dataElements[0].id}}`,
					'',
				);
		}
	}
	return parts.join('\n');
}
